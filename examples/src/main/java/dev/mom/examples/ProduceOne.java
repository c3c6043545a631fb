package dev.mom.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mom.Mom;

/**
 * Writes one message to {@code test.mom.consume}: the id and the payload come from the command
 * line. The payload is read as JSON when it is JSON, else taken as a string.
 *
 * <pre>MOM_CONFIG_FILE=mom.ini java dev.mom.examples.ProduceOne ord-1 '{"seq": 1}'</pre>
 */
public final class ProduceOne {
  /** The topic the example writes to, which {@link EchoConsumer} reads. */
  public static final String TOPIC = "test.mom.consume";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ProduceOne() {}

  /**
   * Runs the example with the settings from {@code MOM_CONFIG_FILE}.
   *
   * @param args the id and the payload
   */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: ProduceOne ID PAYLOAD");
      System.exit(2);
    }
    try (Mom mom = Mom.fromEnvironment()) {
      write(mom, args[0], args[1]);
    }
    System.out.println("wrote " + args[0] + " to " + TOPIC);
  }

  /**
   * Writes one message and returns once the broker has it.
   *
   * @param mom the Mom to write with
   * @param id the message id
   * @param payload the payload, as JSON text or as a plain string
   */
  public static void write(Mom mom, String id, String payload) {
    mom.producer(TOPIC).write(id, parse(payload));
  }

  private static JsonNode parse(String payload) {
    try {
      return JSON.readTree(payload);
    } catch (JsonProcessingException notJson) {
      return TextNode.valueOf(payload);
    }
  }
}
