package dev.mom.transport.kafka;

import dev.mom.api.MomException;
import dev.mom.spi.OutboundRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Turns kafka-clients failures into {@link MomException}s that say why, for people. */
final class Failures {

  private Failures() {}

  /**
   * Explains why a record was not written.
   *
   * @param error what kafka-clients reported
   * @param record the record
   * @param maxRequestSize the producer's {@code max.request.size}
   * @return the exception to complete the send with
   */
  static MomException sendFailed(Throwable error, OutboundRecord record, int maxRequestSize) {
    Throwable cause = unwrap(error);
    String topic = LogText.quote(record.topic());
    if (cause instanceof MomException mom) {
      // The topic could not be prepared; the message already says why.
      String message = "cannot write to topic " + topic + ": " + mom.getMessage();
      return new MomException(message, mom, record.topic(), record.key(), KafkaTransport.NAME);
    }
    String why;
    if (cause instanceof RecordTooLargeException) {
      why = tooLarge(record, maxRequestSize);
    } else if (cause instanceof TopicAuthorizationException) {
      why = "not authorised to write to topic " + topic;
    } else if (cause instanceof AuthorizationException) {
      why = "not authorised to write to Kafka";
    } else if (cause instanceof AuthenticationException) {
      why = "authentication with Kafka failed";
    } else if (cause instanceof UnknownTopicOrPartitionException) {
      why = "topic " + topic + " does not exist";
    } else if (cause instanceof TimeoutException) {
      why = "Kafka did not acknowledge in time (delivery.timeout.ms, max.block.ms)";
    } else {
      why = "Kafka refused the record";
    }
    String message = "cannot write to topic " + topic + ": " + why + ": " + describe(cause);
    return new MomException(message, cause, record.topic(), record.key(), KafkaTransport.NAME);
  }

  /**
   * Returns whether the producer is left unable to send after this failure, so that a new one must
   * replace it.
   */
  static boolean breaksProducer(Throwable error) {
    Throwable cause = unwrap(error);
    return cause instanceof ProducerFencedException
        || cause instanceof OutOfOrderSequenceException
        || cause instanceof UnknownProducerIdException
        || cause instanceof InvalidProducerEpochException
        || cause instanceof ClusterAuthorizationException
        || cause instanceof IllegalStateException;
  }

  /**
   * Returns what an admin failure means for access, {@code "not authorised: "} or {@code
   * "authentication with Kafka failed: "}, or nothing for other failures.
   */
  static String access(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof AuthorizationException) {
      return "not authorised: ";
    } else if (cause instanceof AuthenticationException) {
      return "authentication with Kafka failed: ";
    }
    return "";
  }

  /** Returns the failure's class and message in one line. */
  static String describe(Throwable error) {
    Throwable cause = unwrap(error);
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }

  private static String tooLarge(OutboundRecord record, int maxRequestSize) {
    long size = approximateSize(record);
    String limit =
        size > maxRequestSize
            ? "more than the producer's max.request.size of " + maxRequestSize + " bytes"
            : "more than the broker takes (the topic's max.message.bytes)";
    return "the record is too large: about " + size + " bytes, " + limit;
  }

  /** Returns the record's size without the few bytes of framing Kafka adds. */
  private static long approximateSize(OutboundRecord record) {
    long size = record.value().length;
    if (record.key() != null) {
      size += record.key().getBytes(StandardCharsets.UTF_8).length;
    }
    for (Map.Entry<String, String> header : record.headers().entrySet()) {
      size += header.getKey().getBytes(StandardCharsets.UTF_8).length;
      size += header.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    return size;
  }

  private static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while ((current instanceof ExecutionException || current instanceof CompletionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
