package dev.mom.transport.pubsub;

import dev.mom.spi.Transport;
import dev.mom.spi.TransportProvider;
import dev.mom.spi.TransportSettings;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Makes the Google Cloud Pub/Sub transport, named {@code pubsub}, from the {@code [pubsub]}
 * section:
 *
 * <table>
 *   <caption>Keys of [pubsub]</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code project-id}</td><td>{@code GOOGLE_CLOUD_PROJECT}; {@code mom-local} with the
 *       emulator</td><td>the project of the topics and subscriptions</td></tr>
 *   <tr><td>{@code credentials-file}</td><td>Application Default Credentials</td>
 *       <td>a service-account key file</td></tr>
 *   <tr><td>{@code emulator-host}</td><td>{@code PUBSUB_EMULATOR_HOST}</td>
 *       <td>{@code host:port} of the emulator; plaintext, no credentials</td></tr>
 *   <tr><td>{@code create-topics}</td><td>on with the emulator, else off</td>
 *       <td>create a missing topic on first use</td></tr>
 *   <tr><td>{@code create-subscriptions}</td><td>on with the emulator, else off</td>
 *       <td>create a missing subscription, with message ordering, on subscribe</td></tr>
 *   <tr><td>{@code parallel-pull}</td><td>8</td><td>streaming pulls per subscription</td></tr>
 *   <tr><td>{@code subscription-name}</td><td>{@code {topic}.{group}}</td>
 *       <td>the subscription of a consumer group; see {@link SubscriptionNames}</td></tr>
 *   <tr><td>{@code max-ack-extension}</td><td>{@code 1h}</td>
 *       <td>how long an unacknowledged message is kept from redelivery</td></tr>
 *   <tr><td>{@code publish-timeout}</td><td>{@code 60s}</td>
 *       <td>how long a publish may take, retries included</td></tr>
 * </table>
 *
 * <p>Stateless; {@link #create} is called on the thread that builds Mom.
 */
public final class PubSubTransportProvider implements TransportProvider {
  /** The transport's name in the {@code transport} setting. */
  public static final String NAME = "pubsub";

  private final UnaryOperator<String> env;

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public PubSubTransportProvider() {
    this(System::getenv);
  }

  /** Creates a provider that reads environment variables through {@code env}, for tests. */
  PubSubTransportProvider(UnaryOperator<String> env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  /** Returns {@code pubsub}. */
  @Override
  public String name() {
    return NAME;
  }

  /** Returns the one section read, {@code pubsub}. */
  @Override
  public Set<String> sections() {
    return Set.of(PubSubConfig.SECTION);
  }

  /**
   * Creates the transport. Opens no connection: publishers, subscribers and admin clients connect
   * on first use.
   *
   * @throws dev.mom.api.ConfigurationException if a key of {@code [pubsub]} is unknown or bad, the
   *     project is missing, or the credentials file cannot be read
   */
  @Override
  public Transport create(TransportSettings settings) {
    Objects.requireNonNull(settings, "settings");
    PubSubConfig config = PubSubConfig.from(settings, env);
    return new PubSubTransport(config, Connection.open(config));
  }
}
