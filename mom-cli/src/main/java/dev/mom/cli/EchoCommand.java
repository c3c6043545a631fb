package dev.mom.cli;

import dev.mom.Mom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mom echo}: the echo service, copying one topic to another. */
@Command(
    name = "echo",
    description = {
      "Runs the echo service: copies every message of one topic to another.",
      "",
      "Reads --from in a consumer group and writes every message, same id and payload, to"
          + " --to; a message is acknowledged once its copy is written. Runs until Ctrl-C,"
          + " then finishes what is in flight."
    })
final class EchoCommand extends Subcommand {

  @Option(
      names = "--from",
      paramLabel = "TOPIC",
      defaultValue = "test.mom.consume",
      description = "The topic read. Default: ${DEFAULT-VALUE}.")
  String from;

  @Option(
      names = "--to",
      paramLabel = "TOPIC",
      defaultValue = "test.mom.produce",
      description = "The topic written. Default: ${DEFAULT-VALUE}.")
  String to;

  @Option(
      names = "--group",
      paramLabel = "GROUP",
      defaultValue = "EchoGroup",
      description = "The consumer group. Default: ${DEFAULT-VALUE}.")
  String group;

  @Override
  public Integer call() {
    if (from.equals(to)) {
      throw usage("--from and --to must differ: the service would echo its own output forever");
    }
    try (Mom mom = settings().openMom()) {
      mom.register(new Echo(mom.producer(to)), group, from);
      err()
          .printf(
              "echoing %s to %s in group %s over %s; Ctrl-C stops%n",
              from, to, group, mom.transportName());
      err().flush();
      mom.start();
      new UntilStopped(mom::close).await();
    }
    err().println("echo stopped");
    return MomCli.OK;
  }
}
