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
 * @param pubsubCount messages per side for the Pub/Sub pair: fewer, as the emulator is slow
 * @param pairs the pairs to run, by name
 * @param momSettings Mom settings applied to every Mom of the Kafka pairs (INI keys and values)
 */
public record Options(
    Path out,
    Path data,
    long count,
    long ioPlainCount,
    long ioMomCount,
    long latencyCount,
    int latencyRate,
    long pubsubCount,
    Set<String> pairs,
    Map<String, String> momSettings) {

  /** Every pair, in the order they run. */
  public static final List<String> ALL_PAIRS =
      List.of(
          "inmemory", "kafka-produce", "kafka-consume", "io-bound", "latency", "memory", "pubsub");

  static final String USAGE =
      "usage: e2e [--out FILE] [--data ORDERS_JSONL] [--count N] [--io-plain N] [--io-mom N]\n"
          + "           [--latency-count N] [--latency-rate N] [--pubsub-count N]\n"
          + "           [--pairs a,b,...] [--smoke]\n"
          + "           [--mom KEY=VALUE]...\n"
          + "  pairs: "
          + String.join(", ", ALL_PAIRS)
          + "\n  --smoke: tiny counts, to check that every pair runs"
          + "\n  --mom: a Mom setting for every Mom of the Kafka pairs, e.g. max-in-flight=5000";

  private static final Set<String> OPTIONS =
      Set.of(
          "--out",
          "--data",
          "--count",
          "--io-plain",
          "--io-mom",
          "--latency-count",
          "--latency-rate",
          "--pubsub-count",
          "--pairs");

  /** Returns the defaults of a full run: at least 1 M messages where the broker can take them. */
  public static Options defaults() {
    return new Options(
        null,
        null,
        1_000_000,
        5_000,
        200_000,
        100_000,
        5_000,
        20_000,
        Set.copyOf(ALL_PAIRS),
        Map.of());
  }

  /** Returns the counts of a smoke run: enough to exercise every pair, small enough for a test. */
  public static Options smoke() {
    return new Options(
        null, null, 2_000, 200, 2_000, 1_000, 2_000, 300, Set.copyOf(ALL_PAIRS), Map.of());
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
    Options base = args.contains("--smoke") ? smoke() : defaults();
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> mom = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String name = args.get(i);
      if (name.equals("--smoke")) {
        continue;
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException("missing value after " + name + "\n" + USAGE);
      }
      String value = args.get(++i);
      if (name.equals("--mom")) {
        putSetting(mom, value);
      } else {
        values.put(name, value);
      }
    }
    return base.with(values, mom);
  }

  private Options with(Map<String, String> values, Map<String, String> mom) {
    for (String name : values.keySet()) {
      if (!OPTIONS.contains(name)) {
        throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
      }
    }
    return new Options(
        path(values.get("--out"), out),
        path(values.get("--data"), data),
        number(values, "--count", count),
        number(values, "--io-plain", ioPlainCount),
        number(values, "--io-mom", ioMomCount),
        number(values, "--latency-count", latencyCount),
        (int) number(values, "--latency-rate", latencyRate),
        number(values, "--pubsub-count", pubsubCount),
        values.containsKey("--pairs") ? pairs(values.get("--pairs")) : pairs,
        Map.copyOf(mom));
  }

  private static void putSetting(Map<String, String> settings, String setting) {
    int equals = setting.indexOf('=');
    if (equals <= 0) {
      throw new IllegalArgumentException("--mom needs KEY=VALUE, not " + setting + "\n" + USAGE);
    }
    settings.put(setting.substring(0, equals).trim(), setting.substring(equals + 1).trim());
  }

  private static Path path(String value, Path otherwise) {
    return value == null ? otherwise : Path.of(value);
  }

  private static long number(Map<String, String> values, String name, long otherwise) {
    String value = values.get(name);
    return value == null ? otherwise : positive(name, value);
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
    described.put("pubsubCount", pubsubCount);
    described.put("pairs", ALL_PAIRS.stream().filter(pairs::contains).toList());
    described.put("momSettings", momSettings);
    return described;
  }
}
