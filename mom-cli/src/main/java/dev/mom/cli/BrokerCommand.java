package dev.mom.cli;

import dev.mom.kafka.embedded.EmbeddedKafka;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mom broker}: a single-node Kafka broker for development. */
@Command(
    name = "broker",
    description = {
      "Runs a single-node Kafka broker (KRaft) for development.",
      "",
      "Listens on 127.0.0.1 and prints its bootstrap address on stdout. Data goes to a"
          + " temporary directory, deleted on exit, or to --data-dir, kept. Ctrl-C stops it"
          + " cleanly."
    })
final class BrokerCommand extends Subcommand {

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "9092",
      description = "The port clients connect to; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Keep the data here; a broker started again on it finds its topics.")
  Path dataDir;

  @Override
  public Integer call() {
    if (port < 0 || port > 65535) {
      throw usage("--port must be from 0 to 65535");
    }
    EmbeddedKafka.Builder builder = EmbeddedKafka.builder().port(port);
    if (dataDir != null) {
      builder.dataDir(dataDir);
    }
    EmbeddedKafka kafka = builder.start();
    out().println(kafka.bootstrapServers());
    out().flush();
    err()
        .printf(
            "Kafka broker (KRaft) ready: bootstrap %s, data in %s%s; Ctrl-C stops it%n",
            kafka.bootstrapServers(), kafka.dataDir(), kafka.isTemporary() ? " (temporary)" : "");
    err().flush();

    new UntilStopped(() -> stop(kafka)).await();
    return MomCli.OK;
  }

  private void stop(EmbeddedKafka kafka) {
    kafka.close();
    err().println("Kafka broker stopped");
    err().flush();
  }
}
