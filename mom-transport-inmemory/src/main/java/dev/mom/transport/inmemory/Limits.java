package dev.mom.transport.inmemory;

/**
 * The shape and size limits of a broker's topics.
 *
 * @param partitions how many partitions every topic has
 * @param maxTopicSize how many records a topic holds at most before sends to it fail
 */
record Limits(int partitions, long maxTopicSize) {

  /** The partition count when none is configured. */
  static final int DEFAULT_PARTITIONS = 4;

  /** The topic size limit when none is configured. */
  static final long DEFAULT_MAX_TOPIC_SIZE = 1_000_000;

  /** The most records one topic can hold: a partition is an array-backed list. */
  static final long LARGEST_TOPIC_SIZE = Integer.MAX_VALUE - 8;

  /** The most partitions a topic may have; more would only cost threads' time. */
  static final int MOST_PARTITIONS = 1024;

  /** Checks the limits. */
  Limits {
    if (partitions < 1 || partitions > MOST_PARTITIONS) {
      throw new IllegalArgumentException(
          "partitions must be between 1 and " + MOST_PARTITIONS + ": " + partitions);
    }
    if (maxTopicSize < 1 || maxTopicSize > LARGEST_TOPIC_SIZE) {
      throw new IllegalArgumentException(
          "maxTopicSize must be between 1 and " + LARGEST_TOPIC_SIZE + ": " + maxTopicSize);
    }
  }

  /** Returns the limits used when nothing is configured. */
  static Limits defaults() {
    return new Limits(DEFAULT_PARTITIONS, DEFAULT_MAX_TOPIC_SIZE);
  }
}
