package dev.mom.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options of an end-to-end run, parsed from the command line.
 *
 * @param out the JSON file to write, or {@code null} for none
 * @param data the orders file, or {@code null} to look it up (see {@link Orders#load})
 * @param count messages per side for the throughput pairs (Kafka, in-memory, memory)
 * @param ioPlainCount messages for the plain loop of the I/O-bound pair (1 ms each)
 * @param ioMomCount messages for Mom's side of the I/O-bound pair
 * @param latencyCount messages per side for the latency pair, sent at {@code latencyRate}
 * @param latencyRate messages per second for the latency pair
 * @param pairs the pairs to run, by name
 */
public record Options(
    Path out,
    Path data,
    long count,
    long ioPlainCount,
    long ioMomCount,
    long latencyCount,
    int latencyRate,
    Set<String> pairs) {

  /** Every pair, in the order they run. */
  public static final List<String> ALL_PAIRS =
      List.of(
          "inmemory", "kafka-produce", "kafka-consume", "io-bound", "latency", "memory", "pubsub");

  static final String USAGE =
      "usage: e2e [--out FILE] [--data ORDERS_JSONL] [--count N] [--io-plain N] [--io-mom N]\n"
          + "           [--latency-count N] [--latency-rate N] [--pairs a,b,...] [--smoke]\n"
          + "  pairs: "
          + String.join(", ", ALL_PAIRS)
          + "\n  --smoke: tiny counts, to check that every pair runs";

  /** Returns the defaults of a full run: at least 1 M messages where the broker can take them. */
  public static Options defaults() {
    return new Options(
        null, null, 1_000_000, 5_000, 200_000, 100_000, 5_000, Set.copyOf(ALL_PAIRS));
  }

  /** Returns the counts of a smoke run: enough to exercise every pair, small enough for a test. */
  public static Options smoke() {
    return new Options(null, null, 2_000, 200, 2_000, 1_000, 2_000, Set.copyOf(ALL_PAIRS));
  }

  /**
   * Parses the arguments after {@code e2e}.
   *
   * @param args the arguments
   * @return the options
   * @throws IllegalArgumentException if an argument is unknown or a value is bad; the message
   *     includes the usage
   */
  public static Options parse(List<String> args) {
    Options options = args.contains("--smoke") ? smoke() : defaults();
    for (int i = 0; i < args.size(); i++) {
      String name = args.get(i);
      if (name.equals("--smoke")) {
        continue;
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException("missing value after " + name + "\n" + USAGE);
      }
      options = options.with(name, args.get(++i));
    }
    return options;
  }

  private Options with(String name, String value) {
    return switch (name) {
      case "--out" ->
          new Options(
              Path.of(value),
              data,
              count,
              ioPlainCount,
              ioMomCount,
              latencyCount,
              latencyRate,
              pairs);
      case "--data" ->
          new Options(
              out,
              Path.of(value),
              count,
              ioPlainCount,
              ioMomCount,
              latencyCount,
              latencyRate,
              pairs);
      case "--count" ->
          new Options(
              out,
              data,
              positive(name, value),
              ioPlainCount,
              ioMomCount,
              latencyCount,
              latencyRate,
              pairs);
      case "--io-plain" ->
          new Options(
              out,
              data,
              count,
              positive(name, value),
              ioMomCount,
              latencyCount,
              latencyRate,
              pairs);
      case "--io-mom" ->
          new Options(
              out,
              data,
              count,
              ioPlainCount,
              positive(name, value),
              latencyCount,
              latencyRate,
              pairs);
      case "--latency-count" ->
          new Options(
              out,
              data,
              count,
              ioPlainCount,
              ioMomCount,
              positive(name, value),
              latencyRate,
              pairs);
      case "--latency-rate" ->
          new Options(
              out,
              data,
              count,
              ioPlainCount,
              ioMomCount,
              latencyCount,
              (int) positive(name, value),
              pairs);
      case "--pairs" ->
          new Options(
              out, data, count, ioPlainCount, ioMomCount, latencyCount, latencyRate, pairs(value));
      default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
    };
  }

  private static long positive(String name, String value) {
    try {
      long number = Long.parseLong(value.replace("_", "").replace(",", ""));
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // Reported below with the usage.
    }
    throw new IllegalArgumentException(name + " needs a positive whole number, not " + value);
  }

  private static Set<String> pairs(String value) {
    Set<String> chosen = Set.of(value.toLowerCase(Locale.ROOT).split(","));
    for (String pair : chosen) {
      if (!ALL_PAIRS.contains(pair)) {
        throw new IllegalArgumentException("unknown pair " + pair + "\n" + USAGE);
      }
    }
    return chosen;
  }

  /** Returns whether a pair is to run. */
  public boolean runs(String pair) {
    return pairs.contains(pair);
  }

  /** Returns the options as names and values, for the JSON report. */
  Map<String, Object> describe() {
    Map<String, Object> described = new LinkedHashMap<>();
    described.put("count", count);
    described.put("ioPlainCount", ioPlainCount);
    described.put("ioMomCount", ioMomCount);
    described.put("latencyCount", latencyCount);
    described.put("latencyRate", latencyRate);
    described.put("pairs", ALL_PAIRS.stream().filter(pairs::contains).toList());
    return described;
  }
}
