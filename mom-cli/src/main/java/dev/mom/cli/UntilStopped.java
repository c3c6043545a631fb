package dev.mom.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Keeps a command running until Ctrl-C (SIGINT or SIGTERM), an interrupt of the waiting thread, or
 * {@link #stop()}, then runs its shutdown once and lets the command return.
 *
 * <p>The shutdown always runs with the interrupt flag clear, so that clients which refuse to close
 * while interrupted (Kafka's) close cleanly; the flag is set again afterwards. Thread-safe.
 */
final class UntilStopped {
  private final Runnable shutdown;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private boolean done;

  UntilStopped(Runnable shutdown) {
    this.shutdown = shutdown;
  }

  /** Runs the shutdown, unless it ran already; returns once it has finished. */
  synchronized void stop() {
    if (!done) {
      done = true;
      shutdown.run();
    }
    stopped.countDown();
  }

  /** Blocks until stopped; see the class documentation. */
  void await() {
    Thread hook = new Thread(this::stop, "mom-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } catch (InterruptedException interrupted) {
      stop();
      Thread.currentThread().interrupt();
    } finally {
      removeHook(hook);
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook itself is stopping the command.
    }
  }
}
