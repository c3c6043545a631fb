package dev.mom.transport.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Kafka broker in KRaft mode (broker and controller in one node), run inside the test JVM on
 * free ports, without Docker. Started once per JVM on first use and stopped when the JVM exits.
 *
 * <p>Topics are not created automatically by the broker: Mom creates what it needs, so the tests
 * also cover that path. Group timings are shortened so that rebalances in tests take seconds.
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

  private static final String PASSWORD_SUFFIX = "-secret";

  private static KafkaBroker shared;

  private final Path dataDir;
  private final String bootstrap;
  private final String saslBootstrap;
  private final KafkaRaftServer server;

  private KafkaBroker() throws IOException {
    dataDir = Files.createTempDirectory("mom-kafka-broker-");
    int brokerPort = freePort();
    int saslPort = freePort();
    int controllerPort = freePort();
    bootstrap = "127.0.0.1:" + brokerPort;
    saslBootstrap = "127.0.0.1:" + saslPort;
    Properties properties = properties(brokerPort, saslPort, controllerPort);
    Path configFile = dataDir.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(configFile)) {
      properties.store(out, "Mom test broker");
    }
    format(configFile);
    server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
    server.startup();
    awaitReady();
  }

  /**
   * Returns the broker of this JVM, starting it on first call.
   *
   * @return the running broker
   */
  public static synchronized KafkaBroker shared() {
    if (shared == null) {
      try {
        shared = new KafkaBroker();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "mom-kafka-broker-stop"));
    }
    return shared;
  }

  /** Returns the {@code host:port} clients connect to. */
  public String bootstrapServers() {
    return bootstrap;
  }

  /** Returns the {@code host:port} of the SASL/PLAIN listener. */
  public String saslBootstrapServers() {
    return saslBootstrap;
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
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  /** Returns an admin client for this broker; the caller closes it. */
  public Admin admin() {
    return Admin.create(Map.of("bootstrap.servers", bootstrap));
  }

  private Properties properties(int brokerPort, int saslPort, int controllerPort) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
    String plain = "PLAINTEXT://127.0.0.1:" + brokerPort;
    String sasl = "SASL_PLAINTEXT://127.0.0.1:" + saslPort;
    p.setProperty("listeners", plain + "," + sasl + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", plain + "," + sasl);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("sasl.enabled.mechanisms", "PLAIN");
    p.setProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config", serverJaasConfig());
    p.setProperty(
        "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    p.setProperty("super.users", "User:ANONYMOUS;User:" + ADMIN);
    p.setProperty("log.dirs", dataDir.resolve("logs").toString());
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("num.partitions", "4");
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "4");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("group.min.session.timeout.ms", "2000");
    p.setProperty("group.consumer.min.session.timeout.ms", "2000");
    p.setProperty("group.consumer.session.timeout.ms", "6000");
    p.setProperty("group.consumer.min.heartbeat.interval.ms", "500");
    p.setProperty("group.consumer.heartbeat.interval.ms", "1000");
    p.setProperty("num.network.threads", "2");
    p.setProperty("num.io.threads", "2");
    p.setProperty("background.threads", "2");
    return p;
  }

  private static String serverJaasConfig() {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required"
        + userEntry(ADMIN)
        + userEntry(STRANGER)
        + ";";
  }

  private static String userEntry(String user) {
    return " user_" + user + "=\"" + user + PASSWORD_SUFFIX + "\"";
  }

  private static void format(Path configFile) {
    String clusterId = Uuid.randomUuid().toString();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    String[] args = {"format", "-t", clusterId, "-c", configFile.toString(), "--standalone"};
    int status = StorageTool.execute(args, new PrintStream(output, true, StandardCharsets.UTF_8));
    if (status != 0) {
      throw new IllegalStateException(
          "formatting the broker storage failed: " + output.toString(StandardCharsets.UTF_8));
    }
  }

  private void awaitReady() {
    try (Admin admin = admin()) {
      admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the test broker did not start", e);
    }
  }

  private void stop() {
    server.shutdown();
    server.awaitShutdown();
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // Temporary files only; the OS cleans them eventually.
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
