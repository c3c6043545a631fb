package dev.mom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

class BrokerCommandTest {

  @Test
  void printsItsBootstrapAddressServesClientsAndStopsCleanly() throws Exception {
    Cli.Running broker = Cli.start("broker", "--port", "0");
    await().atMost(Duration.ofSeconds(60)).until(() -> broker.out().contains("127.0.0.1:"));
    String bootstrap = broker.out().strip();

    int nodes;
    try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
      nodes = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
    }
    Cli.Result result = broker.stop();

    assertThat(nodes).isEqualTo(1);
    assertThat(result.exitCode()).isEqualTo(MomCli.OK);
    assertThat(result.err()).contains("Kafka broker (KRaft) ready").contains("stopped");
  }

  @Test
  void refusesAPortOutOfRange() {
    Cli.Result result = Cli.run("broker", "--port", "70000");

    assertThat(result.exitCode()).isEqualTo(MomCli.USAGE);
    assertThat(result.err()).contains("--port must be from 0 to 65535");
  }
}
