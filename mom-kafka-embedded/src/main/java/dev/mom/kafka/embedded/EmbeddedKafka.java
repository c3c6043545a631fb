package dev.mom.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Apache Kafka broker in KRaft mode (broker and controller in one process) run inside
 * this JVM, for development, demos and tests. No Docker, no ZooKeeper, no download beyond the Maven
 * artifacts.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *   String bootstrap = kafka.bootstrapServers();   // "127.0.0.1:40123"
 *   ...
 * }
 * }</pre>
 *
 * <p>The broker listens on {@code 127.0.0.1} only. Topics are not created automatically on first
 * use (clients create what they need, as Mom does); topics made with the broker's defaults get 4
 * partitions and one replica. Group timings are short, so that a consumer joining or leaving a
 * group rebalances in seconds.
 *
 * <p><b>Data.</b> In a temporary directory, deleted by {@link #close()}, unless a directory is
 * given: then it is kept, and a broker started again on it finds its topics and committed offsets.
 *
 * <p><b>Threads.</b> Starting blocks until the broker answers clients (seconds). All methods are
 * thread-safe. {@link #close()} blocks until the broker has stopped; closing twice does nothing.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String HOST = "127.0.0.1";
  private static final String SERVER_PROPERTIES = "server.properties";
  private static final String LOGS = "logs";
  private static final long READY_TIMEOUT_SECONDS = 60;

  private final Path dataDir;
  private final boolean temporary;
  private final int port;
  private final Map<String, Integer> listenerPorts = new LinkedHashMap<>();
  private final KafkaRaftServer server;
  private boolean closed;

  private EmbeddedKafka(Builder builder) throws IOException {
    temporary = builder.dataDir == null;
    dataDir = temporary ? Files.createTempDirectory("mom-kafka-") : createDir(builder.dataDir);
    try {
      port = builder.port == 0 ? freePort() : checkFree(builder.port);
      for (String name : builder.listeners.keySet()) {
        listenerPorts.put(name, freePort());
      }
      Properties properties = properties(port, controllerPort(), builder);
      boolean formatted = Files.exists(dataDir.resolve(LOGS).resolve("meta.properties"));
      Path configFile = store(properties);
      if (!formatted) {
        format(configFile);
      }
      server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
      server.startup();
    } catch (IOException | RuntimeException e) {
      deleteIfTemporary();
      throw e;
    }
    awaitReady();
    log.info("Embedded Kafka broker started: {} data in {}", bootstrapServers(), dataDir);
  }

  /**
   * Starts a broker on a free port with its data in a temporary directory.
   *
   * @return the running broker; the caller closes it
   * @throws IllegalStateException if the broker does not start
   * @throws UncheckedIOException if the temporary directory cannot be made
   */
  public static EmbeddedKafka start() {
    return builder().start();
  }

  /** Returns a builder to choose the port, the data directory or broker properties. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the {@code host:port} clients connect to, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  /**
   * Returns the {@code host:port} of a listener added with {@link Builder#listener}.
   *
   * @param listener the listener's name
   * @return its address
   * @throws IllegalArgumentException if the broker has no such listener
   */
  public String bootstrapServers(String listener) {
    Integer listenerPort = listenerPorts.get(Objects.requireNonNull(listener, "listener"));
    if (listenerPort == null) {
      throw new IllegalArgumentException("no listener named " + listener);
    }
    return HOST + ":" + listenerPort;
  }

  /** Returns the port clients connect to. */
  public int port() {
    return port;
  }

  /** Returns the directory that holds the broker's data. */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * Returns whether the data directory is temporary, deleted on {@link #close()}, rather than
   * given.
   */
  public boolean isTemporary() {
    return temporary;
  }

  /**
   * Creates an admin client for this broker.
   *
   * @return a new admin client; the caller closes it
   */
  public Admin admin() {
    return Admin.create(Map.of("bootstrap.servers", bootstrapServers()));
  }

  /**
   * Stops the broker and waits until it has stopped; deletes the data directory if it is temporary.
   * Clients still connected see the broker go away. Closing twice does nothing.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    server.awaitShutdown();
    deleteIfTemporary();
    log.info("Embedded Kafka broker stopped: {}", bootstrapServers());
  }

  @Override
  public String toString() {
    return "EmbeddedKafka[" + bootstrapServers() + ", " + dataDir + "]";
  }

  private static Path createDir(Path dir) throws IOException {
    return Files.createDirectories(dir).toAbsolutePath();
  }

  /**
   * The controller's port is written into the storage when it is formatted, as the address of the
   * only voter: a broker started again on the same data must listen there again.
   */
  private int controllerPort() throws IOException {
    Path configFile = dataDir.resolve(SERVER_PROPERTIES);
    if (Files.exists(configFile) && Files.exists(dataDir.resolve(LOGS))) {
      Properties previous = new Properties();
      try (InputStream in = Files.newInputStream(configFile)) {
        previous.load(in);
      }
      String voters = previous.getProperty("controller.quorum.bootstrap.servers", "");
      int colon = voters.lastIndexOf(':');
      if (colon > 0) {
        return checkFree(Integer.parseInt(voters.substring(colon + 1).strip()));
      }
    }
    return freePort();
  }

  private Properties properties(int brokerPort, int controllerPort, Builder builder) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
    StringBuilder advertised = new StringBuilder("PLAINTEXT://" + HOST + ":" + brokerPort);
    StringBuilder protocols = new StringBuilder("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    listenerPorts.forEach(
        (name, listenerPort) -> {
          advertised.append(',').append(name).append("://").append(HOST).append(':');
          advertised.append(listenerPort);
          protocols.append(',').append(name).append(':').append(builder.listeners.get(name));
        });
    p.setProperty("listeners", advertised + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.setProperty("advertised.listeners", advertised.toString());
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("listener.security.protocol.map", protocols.toString());
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", dataDir.resolve(LOGS).toString());
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
    // A development broker shares the machine with its clients: few threads are plenty.
    p.setProperty("num.network.threads", "2");
    p.setProperty("num.io.threads", "2");
    p.setProperty("background.threads", "2");
    builder.properties.forEach(p::setProperty);
    return p;
  }

  private Path store(Properties properties) throws IOException {
    Path configFile = dataDir.resolve(SERVER_PROPERTIES);
    try (OutputStream out = Files.newOutputStream(configFile)) {
      properties.store(out, "Mom's embedded Kafka broker");
    }
    return configFile;
  }

  private static void format(Path configFile) {
    String clusterId = Uuid.randomUuid().toString();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    String[] args = {"format", "-t", clusterId, "-c", configFile.toString(), "--standalone"};
    int status = StorageTool.execute(args, new PrintStream(output, true, StandardCharsets.UTF_8));
    if (status != 0) {
      throw new IllegalStateException(
          "formatting the broker's storage failed: " + output.toString(StandardCharsets.UTF_8));
    }
  }

  private void awaitReady() {
    try (Admin admin = admin()) {
      admin.describeCluster().nodes().get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException(
          "the embedded Kafka broker did not answer within " + READY_TIMEOUT_SECONDS + " s", e);
    }
  }

  private void deleteIfTemporary() {
    if (!temporary) {
      return;
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      log.warn("Could not delete the broker's temporary data in {}: {}", dataDir, e.toString());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    }
  }

  /** Fails early, with the port in the message, rather than deep inside the broker's startup. */
  private static int checkFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
      return port;
    } catch (IOException e) {
      throw new IllegalStateException("port " + port + " on " + HOST + " is already in use", e);
    }
  }

  /** Chooses where the broker listens and keeps its data. Not thread-safe; use it on one thread. */
  public static final class Builder {
    private int port;
    private Path dataDir;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> listeners = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the port clients connect to; 0, the default, picks a free one.
     *
     * @param port 0 to 65535
     * @return this builder
     * @throws IllegalArgumentException if the port is out of range
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be from 0 to 65535, not " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Keeps the broker's data in a directory, created if missing and kept on close. Without it the
     * data goes to a temporary directory that close deletes.
     *
     * @param dir the directory
     * @return this builder
     */
    public Builder dataDir(Path dir) {
      this.dataDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * Sets a broker property, overriding the embedded broker's own value, for example {@code
     * message.max.bytes}.
     *
     * @param key the Kafka broker property
     * @param value its value
     * @return this builder
     */
    public Builder property(String key, String value) {
      properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Adds a listener on a free port beside the plain one, for example one that authenticates with
     * SASL. Its settings ({@code sasl.enabled.mechanisms}, {@code
     * listener.name.<name>.plain.sasl.jaas.config}, an authorizer, …) are given with {@link
     * #property}; {@link EmbeddedKafka#bootstrapServers(String)} returns its address.
     *
     * @param name the listener's name, for example {@code SASL_PLAINTEXT}
     * @param securityProtocol {@code PLAINTEXT}, {@code SSL}, {@code SASL_PLAINTEXT} or {@code
     *     SASL_SSL}
     * @return this builder
     * @throws IllegalArgumentException if the name is taken by the plain or controller listener
     */
    public Builder listener(String name, String securityProtocol) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(securityProtocol, "securityProtocol");
      if (name.equals("PLAINTEXT") || name.equals("CONTROLLER")) {
        throw new IllegalArgumentException(name + " is the broker's own listener");
      }
      listeners.put(name, securityProtocol);
      return this;
    }

    /**
     * Starts the broker and waits until it answers clients.
     *
     * @return the running broker; the caller closes it
     * @throws IllegalStateException if the port is taken, the storage cannot be formatted or the
     *     broker does not start
     * @throws UncheckedIOException if the data directory cannot be made or written
     */
    public EmbeddedKafka start() {
      try {
        return new EmbeddedKafka(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prepare the broker's data directory", e);
      }
    }
  }
}
