package dev.mom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {
  private static final JsonNode ONE = IntNode.valueOf(1);
  private static final JsonNode TWO = IntNode.valueOf(2);
  private static final JsonNode THREE = IntNode.valueOf(3);
  private static final Map<String, List<JsonNode>> WRITTEN =
      Map.of("a", List.of(ONE, TWO, THREE), "b", List.of(ONE));

  @Test
  void passesWhenEveryIdCameBackCompleteAndInOrder() {
    Verdict verdict = Verdict.of(WRITTEN, Map.of("a", List.of(ONE, TWO, THREE), "b", List.of(ONE)));

    assertThat(verdict.ok()).isTrue();
    assertThat(verdict.ids()).isEqualTo(2);
  }

  @Test
  void failsWhenAMessageIsLost() {
    Verdict verdict = Verdict.of(WRITTEN, Map.of("a", List.of(ONE, THREE), "b", List.of(ONE)));

    assertThat(verdict.ok()).isFalse();
    assertThat(verdict.lost()).containsExactly("a");
  }

  @Test
  void failsWhenAnIdsMessagesCameBackOutOfOrder() {
    Verdict verdict = Verdict.of(WRITTEN, Map.of("a", List.of(ONE, THREE, TWO), "b", List.of(ONE)));

    assertThat(verdict.ok()).isFalse();
    assertThat(verdict.outOfOrder()).containsExactly("a");
  }

  @Test
  void failsWhenAnIdCameBackThatWasNeverWritten() {
    Verdict verdict =
        Verdict.of(
            WRITTEN, Map.of("a", List.of(ONE, TWO, THREE), "b", List.of(ONE), "c", List.of(ONE)));

    assertThat(verdict.ok()).isFalse();
    assertThat(verdict.unexpected()).containsExactly("c");
  }

  @Test
  void countsARedeliveredMessageWithoutFailing() {
    Verdict verdict =
        Verdict.of(WRITTEN, Map.of("a", List.of(ONE, TWO, TWO, THREE), "b", List.of(ONE)));

    assertThat(verdict.ok()).isTrue();
    assertThat(verdict.duplicated()).containsExactly("a");
  }
}
