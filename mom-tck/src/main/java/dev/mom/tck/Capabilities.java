package dev.mom.tck;

/**
 * What a transport supports, so that the suite skips, with the reason printed, the scenarios it
 * cannot run.
 *
 * @param partitions a topic's records are spread so that the members of one consumer group share
 *     them (Kafka partitions, a Pub/Sub subscription's streaming pulls)
 * @param nullValues a record can have no value at all (a Kafka tombstone)
 * @param emptyValues a record can have a value of zero bytes
 */
public record Capabilities(boolean partitions, boolean nullValues, boolean emptyValues) {

  /** Returns capabilities with everything supported. */
  public static Capabilities all() {
    return new Capabilities(true, true, true);
  }

  /** Returns a builder that starts from everything supported. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects capabilities, starting from everything supported. Use from one thread. */
  public static final class Builder {
    private boolean partitions = true;
    private boolean nullValues = true;
    private boolean emptyValues = true;

    private Builder() {}

    /**
     * Sets whether the members of one consumer group share a topic's records.
     *
     * @param supported whether they do
     * @return this builder
     */
    public Builder partitions(boolean supported) {
      this.partitions = supported;
      return this;
    }

    /**
     * Sets whether a record can have no value at all.
     *
     * @param supported whether it can
     * @return this builder
     */
    public Builder nullValues(boolean supported) {
      this.nullValues = supported;
      return this;
    }

    /**
     * Sets whether a record can have a value of zero bytes.
     *
     * @param supported whether it can
     * @return this builder
     */
    public Builder emptyValues(boolean supported) {
      this.emptyValues = supported;
      return this;
    }

    /** Returns the capabilities. */
    public Capabilities build() {
      return new Capabilities(partitions, nullValues, emptyValues);
    }
  }
}
