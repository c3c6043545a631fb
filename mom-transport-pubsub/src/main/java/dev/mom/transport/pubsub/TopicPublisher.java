package dev.mom.transport.pubsub;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.TopicName;
import dev.mom.api.MomException;
import dev.mom.spi.OutboundRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes to one topic, with message ordering on: records of one key are published in the order
 * sent.
 *
 * <p>Until the topic is known to exist (created on demand), records wait here, in order, and are
 * published as soon as it does; so sending never blocks on the service.
 *
 * <p>When a publish with an ordering key fails, the library pauses that key and fails every later
 * publish of it. This class resumes the key at once and fails only the records that were already
 * under way, so the next send of the key goes through.
 *
 * <p>With message ordering on, the library retries a failing publish for ever, so that later
 * records of the key keep their place. The caller's future does not wait that long: it fails after
 * {@code publish-timeout}, saying that the record may still be published.
 *
 * <p>Thread-safe.
 */
final class TopicPublisher {
  /** Pub/Sub's limit on one publish request, which holds at least the whole message. */
  static final long MAX_MESSAGE_BYTES = Publisher.getApiMaxRequestBytes();

  private final TopicName topic;
  private final String topicId;
  private final Publisher publisher;
  private final ScheduledExecutorService timer;
  private final Duration timeout;
  private final Object lock = new Object();
  private List<Waiting> waiting = new ArrayList<>();
  private MomException setupFailure;

  /**
   * Creates the publisher for a topic.
   *
   * @param topic the topic
   * @param topicId the topic as Mom's user named it, for errors
   * @param publisher the library's publisher, with message ordering on; owned by this object
   * @param topicReady completes once the topic exists, or with why it cannot be used
   * @param timer fails sends that take longer than the timeout
   * @param timeout how long a send may take
   */
  TopicPublisher(
      TopicName topic,
      String topicId,
      Publisher publisher,
      CompletableFuture<Void> topicReady,
      ScheduledExecutorService timer,
      Duration timeout) {
    this.topic = topic;
    this.topicId = topicId;
    this.publisher = publisher;
    this.timer = timer;
    this.timeout = timeout;
    topicReady.whenComplete((ready, failure) -> onTopicReady(failure));
  }

  /**
   * Starts publishing one record. Never blocks on the service.
   *
   * @return completes once Pub/Sub acknowledged the publish, or exceptionally with a {@link
   *     MomException} saying why not
   */
  CompletableFuture<Void> send(OutboundRecord record) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    expireAfterTimeout(record, result);
    synchronized (lock) {
      if (setupFailure != null) {
        result.completeExceptionally(setupFailure);
      } else if (waiting != null) {
        waiting.add(new Waiting(record, result));
      } else {
        publish(record, result);
      }
    }
    return result;
  }

  private void expireAfterTimeout(OutboundRecord record, CompletableFuture<Void> result) {
    ScheduledFuture<?> expiry =
        timer.schedule(
            () ->
                result.completeExceptionally(
                    failure(
                        record,
                        "no acknowledgement within "
                            + timeout
                            + " (publish-timeout); the record may still be published",
                        null)),
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
    result.whenComplete((done, failure) -> expiry.cancel(false));
  }

  /** Returns the topic this publisher writes to. */
  TopicName topic() {
    return topic;
  }

  /** Returns whether the topic could not be set up; the transport then makes a new publisher. */
  boolean isBroken() {
    synchronized (lock) {
      return setupFailure != null;
    }
  }

  private void onTopicReady(Throwable failure) {
    synchronized (lock) {
      List<Waiting> queued = waiting;
      waiting = null;
      if (failure != null) {
        setupFailure = asMomException(failure);
        queued.forEach(w -> w.result.completeExceptionally(setupFailure));
      } else {
        // Published under the lock, so that no later send overtakes them.
        queued.forEach(w -> publish(w.record, w.result));
      }
    }
  }

  private MomException asMomException(Throwable failure) {
    Throwable cause = Failures.unwrap(failure);
    if (cause instanceof MomException mom) {
      return mom;
    }
    return new MomException(
        "cannot publish to topic " + topic + ": " + Failures.describe(cause),
        cause,
        topicId,
        null,
        PubSubTransportProvider.NAME);
  }

  private void publish(OutboundRecord record, CompletableFuture<Void> result) {
    PubsubMessage message = toMessage(record);
    if (message.getSerializedSize() > MAX_MESSAGE_BYTES) {
      result.completeExceptionally(
          failure(
              record,
              "message of "
                  + message.getSerializedSize()
                  + " bytes is larger than Pub/Sub's limit of "
                  + MAX_MESSAGE_BYTES
                  + " bytes",
              null));
      return;
    }
    if (!message.getOrderingKey().isEmpty()) {
      // The library pauses a key only after it completed the failed publish's future, so the
      // resume in Outcome can come too early; resuming here is cheap and leaves no key paused.
      publisher.resumePublish(message.getOrderingKey());
    }
    ApiFuture<String> published;
    try {
      published = publisher.publish(message);
    } catch (RuntimeException refused) {
      result.completeExceptionally(failure(record, Failures.describe(refused), refused));
      return;
    }
    ApiFutures.addCallback(
        published, new Outcome(record, message, result), MoreExecutors.directExecutor());
  }

  private static PubsubMessage toMessage(OutboundRecord record) {
    PubsubMessage.Builder message =
        PubsubMessage.newBuilder()
            .setData(ByteString.copyFrom(record.value()))
            .putAllAttributes(record.headers());
    if (record.key() != null) {
      message.setOrderingKey(record.key());
    }
    return message.build();
  }

  private MomException failure(OutboundRecord record, String why, Throwable cause) {
    return new MomException(
        "cannot publish to topic " + topic + ": " + why,
        cause,
        topicId,
        record.key(),
        PubSubTransportProvider.NAME);
  }

  /**
   * Publishes what is still queued in the library, then stops, waiting up to the timeout. The
   * library waits for every publish, and retries a keyed one for ever, so it stops on a thread of
   * its own that is left behind if the service does not answer.
   *
   * @return whether every publish finished in time
   */
  boolean close(Duration timeout) throws InterruptedException {
    Thread stopping = new Thread(publisher::shutdown, "mom-pubsub-close-" + topic.getTopic());
    stopping.setDaemon(true);
    stopping.start();
    stopping.join(timeout.toMillis());
    return !stopping.isAlive() && publisher.awaitTermination(1, TimeUnit.SECONDS);
  }

  /** One record that waits for its topic to exist. */
  private record Waiting(OutboundRecord record, CompletableFuture<Void> result) {}

  /** Completes a send's future from the library's answer. */
  private final class Outcome implements ApiFutureCallback<String> {
    private final OutboundRecord record;
    private final PubsubMessage message;
    private final CompletableFuture<Void> result;

    Outcome(OutboundRecord record, PubsubMessage message, CompletableFuture<Void> result) {
      this.record = record;
      this.message = message;
      this.result = result;
    }

    @Override
    public void onSuccess(String messageId) {
      result.complete(null);
    }

    @Override
    public void onFailure(Throwable error) {
      if (!message.getOrderingKey().isEmpty()) {
        // Without this the library fails every later publish of the key.
        publisher.resumePublish(message.getOrderingKey());
      }
      result.completeExceptionally(failure(record, Failures.describe(error), error));
    }
  }
}
