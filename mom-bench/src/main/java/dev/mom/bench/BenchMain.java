package dev.mom.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The benchmarks' command line.
 *
 * <pre>
 * java -jar mom-bench/target/mom-bench.jar e2e --out results.json   # every pair, full counts
 * java -jar mom-bench/target/mom-bench.jar e2e --smoke               # tiny counts
 * java -jar mom-bench/target/mom-bench.jar jmh [JMH options]         # the microbenchmarks
 * </pre>
 *
 * <p>{@code broker} and {@code memory-child} are the entry points of the child JVMs the harness
 * starts; they are not meant to be run by hand.
 */
public final class BenchMain {

  private BenchMain() {}

  /**
   * Runs a command.
   *
   * @param args the command and its arguments
   * @throws Exception if the command fails; the JVM then exits with a stack trace
   */
  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "help" : args[0];
    List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
    switch (command) {
      case "e2e" -> runE2e(rest);
      case "jmh" -> org.openjdk.jmh.Main.main(rest.toArray(String[]::new));
      case "broker" -> BrokerProcess.runHere();
      case "memory-child" -> MemoryPair.runChild(rest);
      default -> {
        System.err.println("usage: java -jar mom-bench.jar e2e|jmh [options]");
        System.err.println(Options.USAGE);
        System.exit(2);
      }
    }
  }

  private static void runE2e(List<String> args) throws InterruptedException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    List<PairResult> results = new Harness(options, System.out).run();
    boolean failed = results.stream().anyMatch(r -> r.note().startsWith("FAILED"));
    System.exit(failed ? 1 : 0);
  }
}
