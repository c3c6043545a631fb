package dev.mom.bench;

import dev.mom.kafka.embedded.EmbeddedKafka;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka broker every Kafka pair runs against, in a child JVM of its own. The child prints its
 * bootstrap address on one line and stops when its standard input closes, so it never outlives the
 * benchmark, even one killed with {@code kill -9}.
 */
final class BrokerProcess implements AutoCloseable {

  /** The line the child prints before the address. */
  static final String READY = "bootstrap=";

  private final Process process;
  private final String bootstrap;

  private BrokerProcess(Process process, String bootstrap) {
    this.process = process;
    this.bootstrap = bootstrap;
  }

  /**
   * Starts the broker and waits until it answers.
   *
   * @return the running broker
   * @throws IllegalStateException if it exits before it is ready
   */
  static BrokerProcess start() {
    Process process = ChildJvm.start(List.of("-Xmx1g", "-XX:+UseG1GC"), List.of("broker"));
    try {
      BufferedReader output = ChildJvm.output(process);
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        if (line.startsWith(READY)) {
          return new BrokerProcess(process, line.substring(READY.length()).trim());
        }
      }
    } catch (IOException e) {
      process.destroyForcibly();
      throw new UncheckedIOException("cannot read the broker's output", e);
    }
    process.destroyForcibly();
    throw new IllegalStateException("the Kafka broker exited before it was ready");
  }

  /** Returns the {@code host:port} clients connect to. */
  String bootstrapServers() {
    return bootstrap;
  }

  /** Stops the broker: closes its input, waits a little, then kills it. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** Runs the broker in this JVM until standard input closes; the child's main. */
  static void runHere() throws IOException {
    try (EmbeddedKafka node =
        EmbeddedKafka.builder()
            .property("auto.create.topics.enable", "false")
            .property("num.partitions", "6")
            .property("group.initial.rebalance.delay.ms", "0")
            .start()) {
      System.out.println(READY + node.bootstrapServers());
      System.out.flush();
      while (System.in.read() >= 0) {
        // Nothing is sent; end of input means the parent is gone or done.
      }
    }
  }
}
