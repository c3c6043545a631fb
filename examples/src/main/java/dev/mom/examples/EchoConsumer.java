package dev.mom.examples;

import dev.mom.Mom;
import dev.mom.api.Consumer;
import dev.mom.api.Message;
import dev.mom.api.Producer;

/**
 * Reads {@code test.mom.consume} in the group {@code EchoGroup} and writes every message, same id
 * and payload, to {@code test.mom.produce}. Runs until SIGTERM or Ctrl-C.
 *
 * <pre>MOM_CONFIG_FILE=mom.ini java dev.mom.examples.EchoConsumer</pre>
 */
public final class EchoConsumer implements Consumer {
  /** The consumer group. */
  public static final String GROUP = "EchoGroup";

  /** The topic read. */
  public static final String FROM = ProduceOne.TOPIC;

  /** The topic written. */
  public static final String TO = "test.mom.produce";

  private final Producer out;

  private EchoConsumer(Producer out) {
    this.out = out;
  }

  /**
   * Runs the example with the settings from {@code MOM_CONFIG_FILE}.
   *
   * @param args none
   */
  public static void main(String[] args) {
    try (Mom mom = Mom.fromEnvironment()) {
      register(mom);
      mom.run();
    }
  }

  /**
   * Registers the echo consumer with a Mom.
   *
   * @param mom the Mom to register with; it also writes the echoes
   */
  public static void register(Mom mom) {
    mom.register(new EchoConsumer(mom.producer(TO)), GROUP, FROM);
  }

  /** Writes the message on, and returns once the broker has it, so that it is acknowledged then. */
  @Override
  public void onMessage(Message message) {
    out.write(message.id(), message.payload());
  }
}
