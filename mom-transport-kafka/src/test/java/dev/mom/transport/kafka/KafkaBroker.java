package dev.mom.transport.kafka;

import dev.mom.kafka.embedded.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;

/**
 * The Kafka broker of the tests: Mom's {@link EmbeddedKafka}, one KRaft node in the test JVM on
 * free ports, without Docker. Started once per JVM on first use and stopped when the JVM exits.
 *
 * <p>Topics are not created automatically by the broker: Mom creates what it needs, so the tests
 * also cover that path. Group timings are short so that rebalances in tests take seconds.
 *
 * <p>Besides the plain listener, a SASL/PLAIN listener checks credentials and ACLs: {@link #ADMIN}
 * may do anything, {@link #STRANGER} authenticates but has no ACL, so may do nothing. Clients of
 * the plain listener are anonymous and may do anything.
 */
public final class KafkaBroker {

  /** The user of the SASL listener who may do anything. */
  public static final String ADMIN = "admin";

  /** The user of the SASL listener who has no ACL. */
  public static final String STRANGER = "stranger";

  private static final String SASL = "SASL_PLAINTEXT";
  private static final String PASSWORD_SUFFIX = "-secret";
  private static final String PLAIN_LOGIN =
      "org.apache.kafka.common.security.plain.PlainLoginModule";

  private static KafkaBroker shared;

  private final EmbeddedKafka kafka;

  private KafkaBroker(EmbeddedKafka kafka) {
    this.kafka = kafka;
  }

  /**
   * Returns the broker of this JVM, starting it on first call.
   *
   * @return the running broker
   */
  public static synchronized KafkaBroker shared() {
    if (shared == null) {
      EmbeddedKafka kafka =
          EmbeddedKafka.builder()
              .listener(SASL, SASL)
              .property("sasl.enabled.mechanisms", "PLAIN")
              .property("listener.name.sasl_plaintext.plain.sasl.jaas.config", serverJaasConfig())
              .property(
                  "authorizer.class.name",
                  "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
              .property("super.users", "User:ANONYMOUS;User:" + ADMIN)
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "mom-kafka-broker-stop"));
      shared = new KafkaBroker(kafka);
    }
    return shared;
  }

  /** Returns the {@code host:port} clients connect to. */
  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** Returns the {@code host:port} of the SASL/PLAIN listener. */
  public String saslBootstrapServers() {
    return kafka.bootstrapServers(SASL);
  }

  /**
   * Returns the JAAS configuration a client of the SASL listener sets in {@code sasl.jaas.config}.
   *
   * @param user {@link #ADMIN} or {@link #STRANGER}
   * @param correctPassword whether to give the user's password or a wrong one
   * @return the configuration
   */
  public static String jaasConfig(String user, boolean correctPassword) {
    String password = correctPassword ? user + PASSWORD_SUFFIX : "wrong";
    return PLAIN_LOGIN + " required username=\"" + user + "\" password=\"" + password + "\";";
  }

  /** Returns an admin client for this broker; the caller closes it. */
  public Admin admin() {
    return kafka.admin();
  }

  private static String serverJaasConfig() {
    return PLAIN_LOGIN + " required" + userEntry(ADMIN) + userEntry(STRANGER) + ";";
  }

  private static String userEntry(String user) {
    return " user_" + user + "=\"" + user + PASSWORD_SUFFIX + "\"";
  }
}
