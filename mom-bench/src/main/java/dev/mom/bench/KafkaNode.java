package dev.mom.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
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
 * A single-node Kafka broker in KRaft mode (broker and controller in one), on free local ports,
 * with its data in a temporary directory that {@link #close()} deletes. The benchmarks run it in a
 * child JVM (see {@link BrokerProcess}) so that its heap and threads are not counted as a client's.
 *
 * <p>Not thread-safe; start and close from one thread.
 */
final class KafkaNode implements AutoCloseable {

  private final Path dataDir;
  private final String bootstrap;
  private final KafkaRaftServer server;

  /**
   * Formats the storage and starts the broker; returns once it answers.
   *
   * @throws IOException if the data directory or a port cannot be had
   * @throws IllegalStateException if the broker does not start within a minute
   */
  KafkaNode() throws IOException {
    dataDir = Files.createTempDirectory("mom-bench-kafka-");
    int brokerPort = freePort();
    int controllerPort = freePort();
    bootstrap = "127.0.0.1:" + brokerPort;
    Properties properties = properties(brokerPort, controllerPort);
    Path configFile = dataDir.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(configFile)) {
      properties.store(out, "Mom benchmark broker");
    }
    format(configFile);
    server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
    server.startup();
    awaitReady();
  }

  /** Returns the {@code host:port} clients connect to. */
  String bootstrapServers() {
    return bootstrap;
  }

  private Properties properties(int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
    p.setProperty(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", dataDir.resolve("logs").toString());
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("num.partitions", "6");
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "4");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("num.network.threads", "2");
    p.setProperty("num.io.threads", "2");
    p.setProperty("background.threads", "2");
    return p;
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
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the benchmark broker did not start", e);
    }
  }

  /** Stops the broker and deletes its data. */
  @Override
  public void close() {
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
