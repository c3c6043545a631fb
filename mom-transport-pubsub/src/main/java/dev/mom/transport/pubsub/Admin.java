package dev.mom.transport.pubsub;

import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.Topic;
import com.google.pubsub.v1.TopicName;
import dev.mom.api.MomException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates topics and subscriptions on demand, when the configuration allows it, and checks that an
 * existing subscription fits.
 *
 * <p>Thread-safe. The admin clients are made on first use and closed by {@link #close()}.
 */
final class Admin implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Admin.class);
  private static final String TRANSPORT = PubSubTransportProvider.NAME;

  private final Connection connection;
  private final PubSubConfig config;
  private final Set<TopicName> knownTopics = ConcurrentHashMap.newKeySet();
  private TopicAdminClient topics;
  private SubscriptionAdminClient subscriptions;

  Admin(Connection connection, PubSubConfig config) {
    this.connection = connection;
    this.config = config;
  }

  /**
   * Makes sure a topic exists, creating it if {@code create-topics} is on. Does not block.
   *
   * @return a future that completes once the topic exists (at once when creation is off), or
   *     exceptionally with a {@link MomException} saying why it could not be created
   */
  CompletableFuture<Void> ensureTopic(TopicName topic) {
    if (!config.createTopics() || knownTopics.contains(topic)) {
      return CompletableFuture.completedFuture(null);
    }
    Topic request = Topic.newBuilder().setName(topic.toString()).build();
    return Failures.toCompletable(topics().createTopicCallable().futureCall(request))
        .handle(
            (created, failure) -> {
              if (failure != null && !Failures.isAlreadyExists(failure)) {
                throw new MomException(
                    "cannot create topic " + topic + ": " + Failures.describe(failure),
                    Failures.unwrap(failure),
                    topic.getTopic(),
                    null,
                    TRANSPORT);
              }
              if (failure == null) {
                log.info("Created Pub/Sub topic {}", topic);
              }
              knownTopics.add(topic);
              return null;
            });
  }

  /**
   * Makes sure the subscription of a group exists and reads the topic, creating it with message
   * ordering if {@code create-subscriptions} is on. Blocks on the service.
   *
   * @throws MomException if it does not exist and may not be created, reads another topic, or the
   *     service fails
   */
  void ensureSubscription(SubscriptionName name, TopicName topic) {
    ensureTopic(topic).join();
    Subscription existing;
    try {
      existing = config.createSubscriptions() ? create(name, topic) : get(name);
    } catch (RuntimeException failure) {
      throw new MomException(
          "cannot use subscription " + name + " of topic " + topic + ": " + explain(failure),
          Failures.unwrap(failure),
          topic.getTopic(),
          null,
          TRANSPORT);
    }
    check(existing, name, topic);
  }

  private Subscription create(SubscriptionName name, TopicName topic) {
    Subscription request =
        Subscription.newBuilder()
            .setName(name.toString())
            .setTopic(topic.toString())
            .setEnableMessageOrdering(true)
            .build();
    try {
      Subscription created = subscriptions().createSubscription(request);
      log.info("Created Pub/Sub subscription {} of topic {}", name, topic);
      return created;
    } catch (RuntimeException failure) {
      if (Failures.isAlreadyExists(failure)) {
        return get(name);
      }
      throw failure;
    }
  }

  private Subscription get(SubscriptionName name) {
    return subscriptions().getSubscription(name);
  }

  private String explain(RuntimeException failure) {
    if (Failures.isNotFound(failure) && !config.createSubscriptions()) {
      return Failures.describe(failure)
          + "; create the subscription with message ordering, or set"
          + " [pubsub] create-subscriptions = true";
    }
    return Failures.describe(failure);
  }

  private static void check(Subscription existing, SubscriptionName name, TopicName topic) {
    if (!existing.getTopic().equals(topic.toString())) {
      throw new MomException(
          "subscription " + name + " reads topic " + existing.getTopic() + ", not " + topic,
          null,
          topic.getTopic(),
          null,
          TRANSPORT);
    }
    if (!existing.getEnableMessageOrdering()) {
      log.warn(
          "Pub/Sub subscription {} has message ordering off: messages of one id may arrive out of"
              + " order",
          name);
    }
  }

  private synchronized TopicAdminClient topics() {
    if (topics == null) {
      topics = connection.topicAdmin();
    }
    return topics;
  }

  private synchronized SubscriptionAdminClient subscriptions() {
    if (subscriptions == null) {
      subscriptions = connection.subscriptionAdmin();
    }
    return subscriptions;
  }

  /** Closes the admin clients made so far. */
  @Override
  public synchronized void close() {
    if (topics != null) {
      topics.close();
    }
    if (subscriptions != null) {
      subscriptions.close();
    }
  }
}
