package dev.mom.cli;

import dev.mom.kafka.embedded.EmbeddedKafka;

/** One embedded Kafka broker for all the tests of this JVM, started on first use. */
final class SharedKafka {
  private static EmbeddedKafka kafka;

  private SharedKafka() {}

  /** Returns the bootstrap address of the shared broker, starting it if needed. */
  static synchronized String bootstrap() {
    if (kafka == null) {
      kafka = EmbeddedKafka.start();
      Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "mom-test-kafka-stop"));
    }
    return kafka.bootstrapServers();
  }
}
