package dev.mom.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

  @Test
  void servesClientsAndDeletesItsTemporaryDataOnClose() throws Exception {
    Path dataDir;
    List<String> read;

    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      dataDir = kafka.dataDir();
      createTopic(kafka, "greetings");
      write(kafka, "greetings", "hello");
      read = readAll(kafka, "greetings", "readers");
    }

    assertThat(read).containsExactly("hello");
    assertThat(dataDir).doesNotExist();
  }

  @Test
  void keepsTopicsInAGivenDirectoryAcrossRestarts(@TempDir Path dir) throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir).start()) {
      createTopic(kafka, "kept");
      write(kafka, "kept", "still here");
    }

    List<String> read;
    try (EmbeddedKafka again = EmbeddedKafka.builder().dataDir(dir).start()) {
      read = readAll(again, "kept", "later");
    }

    assertThat(read).containsExactly("still here");
    assertThat(dir).isDirectory();
  }

  @Test
  void addsAListenerThatAuthenticates() throws Exception {
    String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required";
    int nodes;

    try (EmbeddedKafka kafka =
        EmbeddedKafka.builder()
            .listener("SASL_PLAINTEXT", "SASL_PLAINTEXT")
            .property("sasl.enabled.mechanisms", "PLAIN")
            .property(
                "listener.name.sasl_plaintext.plain.sasl.jaas.config",
                jaas + " user_alice=\"alice-secret\";")
            .start()) {
      Map<String, Object> client =
          Map.of(
              "bootstrap.servers",
              kafka.bootstrapServers("SASL_PLAINTEXT"),
              "security.protocol",
              "SASL_PLAINTEXT",
              "sasl.mechanism",
              "PLAIN",
              "sasl.jaas.config",
              jaas + " username=\"alice\" password=\"alice-secret\";");
      try (Admin admin = Admin.create(client)) {
        nodes = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
      }
    }

    assertThat(nodes).isEqualTo(1);
  }

  @Test
  void refusesAPortInUseNamingIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> EmbeddedKafka.builder().port(port).start())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("port " + port);
    }
  }

  private static void createTopic(EmbeddedKafka kafka, String topic) throws Exception {
    try (Admin admin = kafka.admin()) {
      admin.createTopics(Set.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
  }

  private static void write(EmbeddedKafka kafka, String topic, String value) throws Exception {
    Map<String, Object> config =
        Map.of(
            "bootstrap.servers", kafka.bootstrapServers(),
            "key.serializer", StringSerializer.class.getName(),
            "value.serializer", StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      producer.send(new ProducerRecord<>(topic, value)).get(30, TimeUnit.SECONDS);
    }
  }

  private static List<String> readAll(EmbeddedKafka kafka, String topic, String group) {
    Map<String, Object> config =
        Map.of(
            "bootstrap.servers", kafka.bootstrapServers(),
            "group.id", group,
            "auto.offset.reset", "earliest",
            "key.deserializer", StringDeserializer.class.getName(),
            "value.deserializer", StringDeserializer.class.getName());
    List<String> values = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      while (values.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
