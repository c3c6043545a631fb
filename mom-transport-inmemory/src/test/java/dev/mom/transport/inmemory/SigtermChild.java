package dev.mom.transport.inmemory;

import dev.mom.Mom;
import java.time.Duration;

/**
 * A service run in a child JVM by {@link ShutdownOnSignalTest}: its handler takes a second, and it
 * says on standard output when the handler started and when it finished.
 */
public final class SigtermChild {
  private SigtermChild() {}

  /**
   * Runs until SIGTERM.
   *
   * @param args none
   */
  public static void main(String[] args) {
    InMemoryBroker broker = InMemoryBroker.create();
    Mom mom =
        Mom.builder().transport(broker.transport()).shutdownTimeout(Duration.ofSeconds(10)).build();
    mom.register(
        message -> {
          System.out.println("handler started");
          System.out.flush();
          Thread.sleep(1_000);
          System.out.println("handler finished");
          System.out.flush();
        },
        "service",
        "orders");
    mom.producer("orders").write("ord-1", 1);
    mom.run();
  }
}
