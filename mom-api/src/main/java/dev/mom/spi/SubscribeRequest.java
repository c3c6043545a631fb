package dev.mom.spi;

import java.util.Objects;

/**
 * What a consumer group asks of a {@link Transport}.
 *
 * @param group the consumer group; members of a group share the topic's records, each group gets
 *     every record
 * @param topic the topic
 * @param maxInFlight how many unacknowledged records Mom holds at most; a transport sizes its
 *     fetches and flow control by it so that it does not fetch far more than Mom will take
 */
public record SubscribeRequest(String group, String topic, int maxInFlight) {

  /** Checks the fields. */
  public SubscribeRequest {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(topic, "topic");
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1: " + maxInFlight);
    }
  }
}
