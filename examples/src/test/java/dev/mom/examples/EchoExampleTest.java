package dev.mom.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EchoExampleTest {

  @Test
  void echoesEveryOrderUnchangedAndInOrderPerId() {
    Path orders = Path.of(System.getProperty("mom.data.dir"), "orders.jsonl");

    EchoDemo.Report report = EchoDemo.run(orders);

    assertThat(report.produced()).isEqualTo(19_652);
    assertThat(report.echoed()).isEqualTo(report.produced());
    assertThat(report.idsOutOfOrder()).isEmpty();
    assertThat(report.ok()).isTrue();
  }
}
