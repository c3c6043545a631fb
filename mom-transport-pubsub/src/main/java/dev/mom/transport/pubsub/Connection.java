package dev.mom.transport.pubsub;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.cloud.pubsub.v1.stub.PublisherStubSettings;
import dev.mom.api.ConfigurationException;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where the clients connect and how they authenticate, shared by every publisher, subscriber and
 * admin client of one transport.
 *
 * <p>Against Google's service each client keeps its own channels, made by the library, and
 * authenticates with the credentials file or Application Default Credentials. Against the emulator
 * the Java client does not read {@code PUBSUB_EMULATOR_HOST}: this class opens one plaintext
 * channel to the emulator without credentials, hands it to every client, and closes it in {@link
 * #close()} because the clients do not close a channel they were given.
 *
 * <p>Thread-safe.
 */
final class Connection implements AutoCloseable {
  private final Optional<ManagedChannel> emulatorChannel;
  private final Optional<TransportChannelProvider> channelProvider;
  private final Optional<CredentialsProvider> credentialsProvider;

  private Connection(
      Optional<ManagedChannel> emulatorChannel,
      Optional<TransportChannelProvider> channelProvider,
      Optional<CredentialsProvider> credentialsProvider) {
    this.emulatorChannel = emulatorChannel;
    this.channelProvider = channelProvider;
    this.credentialsProvider = credentialsProvider;
  }

  /**
   * Prepares the connection; opens no network connection yet.
   *
   * @throws ConfigurationException if the credentials file cannot be read
   */
  static Connection open(PubSubConfig config) {
    if (config.emulatorHost().isPresent()) {
      ManagedChannel channel =
          ManagedChannelBuilder.forTarget(config.emulatorHost().get()).usePlaintext().build();
      TransportChannelProvider provider =
          FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
      return new Connection(
          Optional.of(channel), Optional.of(provider), Optional.of(NoCredentialsProvider.create()));
    }
    Optional<CredentialsProvider> credentials =
        config.credentialsFile().map(Connection::credentialsFrom);
    return new Connection(Optional.empty(), Optional.empty(), credentials);
  }

  private static CredentialsProvider credentialsFrom(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      GoogleCredentials credentials =
          GoogleCredentials.fromStream(in)
              .createScoped(PublisherStubSettings.getDefaultServiceScopes());
      return FixedCredentialsProvider.create(credentials);
    } catch (IOException | RuntimeException unreadable) {
      // The message of the library names the problem; the key file's content is never shown.
      throw new ConfigurationException(
          "pubsub.credentials-file = "
              + file
              + ": cannot read Google credentials: "
              + unreadable.getMessage(),
          unreadable);
    }
  }

  /** Returns whether this connection talks to the emulator. */
  boolean isEmulator() {
    return emulatorChannel.isPresent();
  }

  /** Returns the channel provider to give every client, if not the library's default. */
  Optional<TransportChannelProvider> channelProvider() {
    return channelProvider;
  }

  /** Returns the credentials provider to give every client, if not the library's default. */
  Optional<CredentialsProvider> credentialsProvider() {
    return credentialsProvider;
  }

  /**
   * Creates a topic admin client; the caller closes it.
   *
   * @throws UncheckedIOException if the client cannot be set up
   */
  TopicAdminClient topicAdmin() {
    TopicAdminSettings.Builder builder = TopicAdminSettings.newBuilder();
    channelProvider.ifPresent(builder::setTransportChannelProvider);
    credentialsProvider.ifPresent(builder::setCredentialsProvider);
    try {
      return TopicAdminClient.create(builder.build());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the Pub/Sub topic admin client", e);
    }
  }

  /**
   * Creates a subscription admin client; the caller closes it.
   *
   * @throws UncheckedIOException if the client cannot be set up
   */
  SubscriptionAdminClient subscriptionAdmin() {
    SubscriptionAdminSettings.Builder builder = SubscriptionAdminSettings.newBuilder();
    channelProvider.ifPresent(builder::setTransportChannelProvider);
    credentialsProvider.ifPresent(builder::setCredentialsProvider);
    try {
      return SubscriptionAdminClient.create(builder.build());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the Pub/Sub subscription admin client", e);
    }
  }

  /** Closes the emulator channel, if any, waiting a few seconds for calls still running. */
  @Override
  public void close() {
    emulatorChannel.ifPresent(
        channel -> {
          channel.shutdown();
          try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
              channel.shutdownNow();
            }
          } catch (InterruptedException interrupted) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
          }
        });
  }
}
