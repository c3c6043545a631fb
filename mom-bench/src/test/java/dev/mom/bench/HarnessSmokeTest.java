package dev.mom.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every pair of the end-to-end harness with tiny counts, so that the harness cannot rot. It
 * checks that each pair runs and reports, not how fast: timings on a shared machine prove nothing.
 */
class HarnessSmokeTest {

  @Test
  void everyPairRunsAndIsReportedInTheTableAndTheJsonFile(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("results.json");
    Options options = Options.parse(List.of("--smoke", "--out", json.toString()));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    List<PairResult> results =
        new Harness(options, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

    String table = printed.toString(StandardCharsets.UTF_8);
    System.out.println(table);
    assertThat(results).extracting(PairResult::pair).containsExactlyElementsOf(Options.ALL_PAIRS);
    assertThat(results)
        .filteredOn(result -> !result.isSkipped())
        .allSatisfy(
            result -> {
              assertThat(result.note()).doesNotStartWith("FAILED");
              assertThat(result.raw().messages()).isPositive();
              assertThat(result.mom().messages()).isPositive();
            });
    assertThat(results)
        .filteredOn(PairResult::isSkipped)
        .allSatisfy(result -> assertThat(result.pair()).isEqualTo(PubSubPair.NAME));
    JsonNode written = Orders.JSON.readTree(json.toFile());
    assertThat(written.get("pairs")).hasSize(Options.ALL_PAIRS.size());
    assertThat(table).contains("Mom/raw");
  }

  @Test
  void ioBoundOrderCheckNoticesAnIdGoingBackwards() {
    IoBoundPair.OrderCheck check = new IoBoundPair.OrderCheck();

    check.check("ord-000001", Orders.JSON.createObjectNode().put("seq", 1));
    check.check("ord-000001", Orders.JSON.createObjectNode().put("seq", 3));

    assertThat(check.isKept()).isFalse();
    assertThat(check.describe()).contains("BROKEN 1 times");
  }

  @Test
  void optionsRejectAnUnknownPairWithTheUsage() {
    Throwable thrown =
        catchThrowable(() -> Options.parse(List.of("--pairs", "kafka-consume,nope")));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usage");
  }
}
