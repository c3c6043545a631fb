package dev.mom.transport.kafka;

import dev.mom.Mom;
import dev.mom.api.Message;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A Mom service in a JVM of its own, for tests that kill it: it consumes a topic and appends one
 * line per handled message to a file ({@code message-id TAB id TAB seq}), written before the
 * handler returns, so the file shows everything the service handled up to its death.
 *
 * <p>Arguments: bootstrap servers, topic, group, in-flight limit, output file.
 */
public final class ChildConsumer {

  private final OutputStream out;

  private ChildConsumer(OutputStream out) {
    this.out = out;
  }

  /**
   * Runs until killed or sent SIGTERM.
   *
   * @param args bootstrap servers, topic, group, in-flight limit, output file
   * @throws IOException if the output file cannot be opened
   */
  public static void main(String[] args) throws IOException {
    try (OutputStream out = new FileOutputStream(args[4], true);
        Mom mom =
            Mom.builder()
                .transport(KafkaTransport.NAME)
                .set(KafkaSettings.BOOTSTRAP, args[0])
                .maxInFlight(Integer.parseInt(args[3]))
                .concurrency(4)
                .set(KafkaSettings.CONSUMER_SECTION, "session.timeout.ms", "6000")
                .set(KafkaSettings.CONSUMER_SECTION, "heartbeat.interval.ms", "500")
                .build()) {
      ChildConsumer child = new ChildConsumer(out);
      mom.register(child::handle, args[2], args[1]);
      mom.run();
    }
  }

  private void handle(Message message) {
    String seq = message.payload().path("seq").asText("-");
    String line = message.messageId().orElse("?") + "\t" + message.id() + "\t" + seq + "\n";
    synchronized (this) {
      try {
        out.write(line.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
