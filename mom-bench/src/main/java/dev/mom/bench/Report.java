package dev.mom.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Prints the results as a table and writes them as JSON. Not thread-safe. */
final class Report {

  private Report() {}

  /** Prints the table, one row a pair, then the notes. */
  static void print(List<PairResult> results, PrintStream out) {
    out.println();
    out.printf(
        Locale.ROOT,
        "%d processors, load average %.2f at the end of the run%n",
        Runtime.getRuntime().availableProcessors(),
        loadAverage());
    out.printf(
        "%-18s %12s %12s %7s %17s %17s %9s %9s %4s%n",
        "pair",
        "raw msg/s",
        "Mom msg/s",
        "Mom/raw",
        "raw p50/p99 ms",
        "Mom p50/p99 ms",
        "raw heap",
        "Mom heap",
        "met");
    for (PairResult result : results) {
      out.println(row(result));
    }
    out.println();
    for (PairResult result : results) {
      out.printf("%s: target %s; %s%n", result.pair(), result.target(), result.note());
    }
    out.println();
  }

  private static String row(PairResult result) {
    if (result.raw() == null || result.mom() == null) {
      return String.format("%-18s %s", result.pair(), result.note());
    }
    return String.format(
        Locale.ROOT,
        "%-18s %12.0f %12.0f %7.2f %17s %17s %9s %9s %4s",
        result.pair(),
        result.raw().messagesPerSecond(),
        result.mom().messagesPerSecond(),
        result.ratio(),
        latency(result.raw()),
        latency(result.mom()),
        megabytes(result.raw().peakHeapBytes()),
        megabytes(result.mom().peakHeapBytes()),
        result.met() ? "yes" : "NO");
  }

  private static String latency(Side side) {
    if (side.p50Millis() == null) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.2f/%.2f", side.p50Millis(), side.p99Millis());
  }

  private static String megabytes(Long bytes) {
    return bytes == null ? "-" : (bytes >> 20) + " MB";
  }

  /** Writes the results, the machine and the options as one JSON document. */
  static void writeJson(List<PairResult> results, Options options, Path file) {
    ObjectNode root = Orders.JSON.createObjectNode();
    root.put("finished", Instant.now().toString());
    root.set("machine", machine());
    root.set("options", Orders.JSON.valueToTree(options.describe()));
    ArrayNode pairs = root.putArray("pairs");
    for (PairResult result : results) {
      ObjectNode pair = Orders.JSON.valueToTree(result);
      pair.put("ratio", Double.isNaN(result.ratio()) ? null : result.ratio());
      putRate(pair, "raw", result.raw());
      putRate(pair, "mom", result.mom());
      pairs.add(pair);
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Orders.JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the results to " + file, e);
    }
  }

  private static void putRate(ObjectNode pair, String name, Side side) {
    if (side != null) {
      ((ObjectNode) pair.get(name)).put("messagesPerSecond", side.messagesPerSecond());
    }
  }

  private static ObjectNode machine() {
    ObjectNode machine = Orders.JSON.createObjectNode();
    machine.put("processors", Runtime.getRuntime().availableProcessors());
    machine.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    machine.put("javaVersion", System.getProperty("java.version"));
    machine.put("javaVm", System.getProperty("java.vm.name"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    machine.put("jvmArguments", String.join(" ", jvmArguments()));
    machine.put("loadAverage", loadAverage());
    return machine;
  }

  /**
   * Returns the system load average over the last minute, or -1 where the OS does not say. Other
   * work on the machine skews every figure, so the report keeps it.
   */
  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static List<String> jvmArguments() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments();
  }
}
