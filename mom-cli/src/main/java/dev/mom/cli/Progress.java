package dev.mom.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on stderr, redrawn in place, at most ten times a second. Shown only when
 * stderr is a terminal, so that logs and pipes stay clean. Not thread-safe: one thread updates it.
 */
final class Progress {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter err;
  private final boolean shown;
  private final String what;
  private final long start = System.nanoTime();
  private long lastDrawn;
  private boolean drawn;

  private Progress(PrintWriter err, boolean shown, String what) {
    this.err = err;
    this.shown = shown;
    this.what = what;
  }

  /**
   * Returns a progress bar that draws only when the JVM has a terminal.
   *
   * @param err where to draw
   * @param what the unit counted, for example {@code "lines"}
   */
  static Progress onTerminal(PrintWriter err, String what) {
    return new Progress(err, System.console() != null, what);
  }

  /**
   * Shows how far the work is.
   *
   * @param done the amount done, in any unit ({@code total} is in the same one)
   * @param total the whole amount, or a negative number if unknown
   * @param count how many units of {@code what} so far, shown with a rate
   */
  void update(long done, long total, long count) {
    long now = System.nanoTime();
    if (!shown || now - lastDrawn < REDRAW_NANOS) {
      return;
    }
    lastDrawn = now;
    drawn = true;
    double seconds = Math.max(now - start, 1) / 1e9;
    String bar = total > 0 ? bar(done, total) : "";
    err.printf("\r%s%,d %s  %,.0f/s   ", bar, count, what, count / seconds);
    err.flush();
  }

  /** Clears the bar, so that the next line starts clean. */
  void finish() {
    if (drawn) {
      err.print("\r" + " ".repeat(WIDTH + 50) + "\r");
      err.flush();
    }
  }

  private static String bar(long done, long total) {
    int filled = (int) Math.min(WIDTH, done * WIDTH / total);
    long percent = Math.min(100, done * 100 / total);
    return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + percent + "%  ";
  }
}
