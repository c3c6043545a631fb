package dev.mom.bench;

/**
 * The outcome of one pair: the raw client and Mom side by side, the target and whether it was met.
 *
 * @param pair the pair's name
 * @param raw the raw client's side, or {@code null} if skipped
 * @param mom Mom's side, or {@code null} if skipped
 * @param target the target, in words
 * @param met whether the target was met, or {@code null} if skipped
 * @param note what else the reader must know (fewer messages than asked, order check, skip reason)
 */
public record PairResult(String pair, Side raw, Side mom, String target, Boolean met, String note) {

  /** Returns a pair that did not run, and why. */
  static PairResult skipped(String pair, String target, String reason) {
    return new PairResult(pair, null, null, target, null, "skipped: " + reason);
  }

  /** Returns Mom's throughput over the raw client's, or NaN if either is missing. */
  public double ratio() {
    if (raw == null || mom == null || raw.messagesPerSecond() == 0) {
      return Double.NaN;
    }
    return mom.messagesPerSecond() / raw.messagesPerSecond();
  }

  /** Returns whether the pair was skipped. */
  public boolean isSkipped() {
    return met == null;
  }
}
