package dev.mom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mom.api.ConfigurationException;
import dev.mom.spi.TransportSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MomSettingsTest {

  @TempDir Path dir;

  @Test
  void usesTheDefaultsWithoutFileOrVariables() {
    MomSettings settings = MomSettings.fromEnvironment(Map.of());

    assertThat(settings.source()).isEqualTo("environment");
    assertThat(settings.transport()).isEmpty();
    assertThat(settings.concurrency()).isEqualTo(16);
    assertThat(settings.maxInFlight()).isEqualTo(10_000);
    assertThat(settings.retryMaxAttempts()).isEqualTo(5);
    assertThat(settings.retryInitialBackoff()).isEqualTo(Duration.ofMillis(200));
    assertThat(settings.retryMultiplier()).isEqualTo(2.0);
    assertThat(settings.retryMaxBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.retryJitter()).isEqualTo(0.5);
    assertThat(settings.deadLetterTopic("orders")).isEmpty();
    assertThat(settings.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.metricsPrefix()).isEqualTo("mom");
  }

  @Test
  void readsAPyMomFileUnchanged() throws IOException {
    Path file =
        write(
            "[DEFAULT]",
            "kafka-bootstrap-brokers = localhost:9092",
            "zookeeper-servers = localhost:2181");

    MomSettings settings =
        MomSettings.fromEnvironment(Map.of("PYMOM_CONFIG_FILE", file.toString()));

    assertThat(settings.source()).isEqualTo("file " + file);
    assertThat(settings.transportSettings().get("kafka-bootstrap-brokers"))
        .contains("localhost:9092");
    assertThat(settings.keys()).containsExactly("kafka-bootstrap-brokers", "zookeeper-servers");
  }

  @Test
  void prefersMomConfigFileOverPyMomConfigFile() throws IOException {
    Path mom = write("[mom]", "concurrency = 3");
    Path pymom = dir.resolve("missing.ini");

    MomSettings settings =
        MomSettings.fromEnvironment(
            Map.of("MOM_CONFIG_FILE", mom.toString(), "PYMOM_CONFIG_FILE", pymom.toString()));

    assertThat(settings.concurrency()).isEqualTo(3);
  }

  @Test
  void namesTheVariableAndThePathOfAMissingFile() {
    Path missing = dir.resolve("missing.ini");

    assertThatThrownBy(
            () -> MomSettings.fromEnvironment(Map.of("MOM_CONFIG_FILE", missing.toString())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("file " + missing + " (named by MOM_CONFIG_FILE): no such file");
  }

  @Test
  void letsEnvironmentVariablesOverrideTheFile() throws IOException {
    Path file = write("[DEFAULT]", "concurrency = 4", "kafka-bootstrap-brokers = a:9092");
    Map<String, String> env =
        Map.of(
            "MOM_CONCURRENCY", "8",
            "MOM_KAFKA_BOOTSTRAP_BROKERS", "b:9092",
            "MOM_TRANSPORT", "Kafka",
            "MOM_SOMETHING_ELSE", "ignored");

    MomSettings settings = MomSettings.fromFile(file, env);

    assertThat(settings.concurrency()).isEqualTo(8);
    assertThat(settings.transport()).contains("kafka");
    assertThat(settings.transportSettings().get("kafka-bootstrap-brokers")).contains("b:9092");
    assertThat(settings.keys())
        .containsExactly("concurrency", "kafka-bootstrap-brokers", "transport");
  }

  @Test
  void keepsTheFileValueWhenItsVariableIsEmpty() throws IOException {
    Path file = write("[DEFAULT]", "dead-letter-topic = {topic}.dead");

    MomSettings settings = MomSettings.fromFile(file, Map.of("MOM_DEAD_LETTER_TOPIC", ""));

    assertThat(settings.deadLetterTopic("orders")).contains("orders.dead");
  }

  @Test
  void rejectsADeadLetterTopicWithAnUnknownPlaceholder() throws IOException {
    Path file = write("[DEFAULT]", "dead-letter-topic = {topc}.dead");

    assertThatThrownBy(() -> MomSettings.fromFile(file, Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("dead-letter-topic = {topc}.dead")
        .hasMessageContaining("{topic}");
  }

  @Test
  void letsATransportReadItsOwnKeyFromTheEnvironmentAlone() {
    MomSettings settings = MomSettings.fromEnvironment(Map.of("MOM_PUBSUB_PROJECT", "demo"));

    assertThat(settings.transportSettings().get("pubsub-project")).contains("demo");
    assertThat(settings.keys()).isEmpty();
  }

  @Test
  void namesTheVariableOfABadValueFromTheEnvironment() {
    Map<String, String> env = Map.of("MOM_MAX_IN_FLIGHT", "0");

    assertThatThrownBy(() -> MomSettings.fromEnvironment(env))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "environment variable MOM_MAX_IN_FLIGHT: max-in-flight = 0:"
                + " must be a whole number >= 1");
  }

  @Test
  void namesTheFileKeyAndValueOfABadValue() throws IOException {
    Path file = write("[DEFAULT]", "concurrency = abc");

    assertThatThrownBy(() -> MomSettings.fromFile(file, Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("file " + file + ": concurrency = abc: must be a whole number >= 1");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "concurrency | 0 | must be a whole number >= 1",
        "concurrency | 99999999999 | must be a whole number >= 1",
        "max-in-flight | 1.5 | must be a whole number >= 1",
        "retry-max-attempts | -1 | must be a whole number >= 1",
        "retry-initial-backoff | 0 | must be a duration > 0 (500ms, 2s, 1m, PT0.5S)",
        "retry-initial-backoff | soon | must be a duration > 0 (500ms, 2s, 1m, PT0.5S)",
        "retry-multiplier | 0.5 | must be a number >= 1",
        "retry-multiplier | NaN | must be a number >= 1",
        "retry-jitter | 1 | must be a number >= 0 and < 1",
        "retry-jitter | -0.1 | must be a number >= 0 and < 1",
        "retry-max-backoff | 100ms | must be a duration >= retry-initial-backoff, 200ms"
            + " (500ms, 2s, 1m, PT0.5S)",
        "shutdown-timeout | -PT1S | must be a duration >= 0 (500ms, 2s, 1m, PT0.5S)",
      })
  void rejectsABadValueAtOnce(String key, String value, String problem) {
    Map<String, String> topLevel = Map.of(key, value);

    assertThatThrownBy(() -> MomSettings.of("builder", topLevel, Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("builder: " + key + " = " + value + ": " + problem);
  }

  @ParameterizedTest
  @CsvSource({
    "500ms, PT0.5S",
    "2s, PT2S",
    "1m, PT1M",
    "1h, PT1H",
    "750, PT0.75S",
    "1.5s, PT1.5S",
    "PT0.5S, PT0.5S",
    "pt2m, PT2M",
    "10 MS, PT0.01S"
  })
  void readsDurationsAsPeopleWriteThem(String value, String expected) {
    MomSettings settings =
        MomSettings.of("builder", Map.of("retry-initial-backoff", value), Map.of());

    assertThat(settings.retryInitialBackoff()).isEqualTo(Duration.parse(expected));
  }

  @Test
  void raisesTheDefaultMaximumBackoffToAnInitialBackoffAboveIt() {
    MomSettings settings =
        MomSettings.of("builder", Map.of("retry-initial-backoff", "1m"), Map.of());

    assertThat(settings.retryMaxBackoff()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void putsTheSourceTopicIntoTheDeadLetterTopic() {
    MomSettings settings =
        MomSettings.of("builder", Map.of("dead-letter-topic", "{topic}.dead"), Map.of());

    assertThat(settings.deadLetterTopic("orders")).contains("orders.dead");
  }

  @Test
  void takesTheMetricsPrefixFromPyMomsDatadogNamespace() {
    MomSettings pymom = MomSettings.of("b", Map.of("datadog-namespace", "shop"), Map.of());
    MomSettings both =
        MomSettings.of("b", Map.of("datadog-namespace", "shop", "metrics-prefix", "m"), Map.of());

    assertThat(pymom.metricsPrefix()).isEqualTo("shop");
    assertThat(both.metricsPrefix()).isEqualTo("m");
  }

  @Test
  void keepsSectionKeysVerbatimAndInFileOrder() throws IOException {
    Path file =
        write(
            "[DEFAULT]",
            "Transport: kafka",
            "",
            "[kafka]",
            "security.protocol = SASL_SSL",
            "sasl.jaas.config = org.example.Login required",
            "    username=\"u\" password=\"p\";",
            "Mixed.Case = kept",
            "[kafka.consumer]",
            "max.poll.records=500");

    MomSettings settings = MomSettings.fromFile(file, Map.of());

    TransportSettings view = settings.transportSettings();
    assertThat(settings.transport()).contains("kafka");
    assertThat(settings.sections()).containsExactly("kafka", "kafka.consumer");
    assertThat(view.section("kafka"))
        .containsExactly(
            Map.entry("security.protocol", "SASL_SSL"),
            Map.entry(
                "sasl.jaas.config", "org.example.Login required\nusername=\"u\" password=\"p\";"),
            Map.entry("Mixed.Case", "kept"));
    assertThat(view.section("kafka.consumer")).containsEntry("max.poll.records", "500");
    assertThat(view.section("pubsub")).isEmpty();
  }

  @Test
  void doesNotLetSectionsInheritTheDefaults() throws IOException {
    Path file = write("[DEFAULT]", "concurrency = 2", "[kafka]", "acks = all");

    MomSettings settings = MomSettings.fromFile(file, Map.of());

    assertThat(settings.transportSettings().section("kafka")).containsOnlyKeys("acks");
  }

  @Test
  void letsTheMomSectionWinOverDefault() throws IOException {
    Path file = write("[mom]", "concurrency = 3", "[DEFAULT]", "concurrency = 2");

    MomSettings settings = MomSettings.fromFile(file, Map.of());

    assertThat(settings.concurrency()).isEqualTo(3);
  }

  @Test
  void skipsCommentsAndKeepsInlineSemicolons() throws IOException {
    Path file =
        write(
            "# a comment",
            "; another",
            "[DEFAULT]",
            "  # indented comment",
            "dead-letter-topic = dead ; not a comment",
            "metrics-prefix = shop");

    MomSettings settings = MomSettings.fromFile(file, Map.of());

    assertThat(settings.deadLetterTopic("t")).contains("dead ; not a comment");
    assertThat(settings.metricsPrefix()).isEqualTo("shop");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "concurrency = 2 | line 1: key concurrency is outside any section; start with [DEFAULT]",
        "[DEFAULT] / this line is neither | line 2: expected [section], key = value, or a comment",
        "[DEFAULT] / = 3 | line 2: a key is missing before '='",
        "[DEFAULT] / a = 1 / A = 2 | line 3: key a given twice in [DEFAULT]",
        "[kafka] / acks = 1 /  / acks = all | line 4: key acks given twice in [kafka]",
        "[kafka] / [kafka] | line 2: section [kafka] given twice",
        "[] | line 1: a section needs a name: [name]"
      })
  void namesTheFileAndLineOfAMalformedLine(String content, String problem) throws IOException {
    // Lines are separated by " / " in the examples.
    Path file = write(content.split(" / "));

    assertThatThrownBy(() -> MomSettings.fromFile(file, Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("file " + file + ", " + problem);
  }

  @Test
  void joinsContinuationLinesKeepingBlankLinesInside() throws IOException {
    Path file = write("[kafka]", "a = one", "  two", "", "  three", "", "b = 1");

    MomSettings settings = MomSettings.fromFile(file, Map.of());

    assertThat(settings.transportSettings().section("kafka"))
        .containsEntry("a", "one\ntwo\n\nthree")
        .containsEntry("b", "1");
  }

  @Test
  void masksSecretsInErrors() {
    MomSettings settings = MomSettings.of("builder", Map.of(), Map.of());

    ConfigurationException error =
        settings
            .transportSettings()
            .invalid("kafka.sasl.jaas.config", "password=\"hunter2\"", "is broken");

    assertThat(error).hasMessage("builder: kafka.sasl.jaas.config = ****: is broken");
  }

  @Test
  void listsEffectiveSettingsWithDefaultsAndMaskedSecrets() {
    MomSettings settings =
        MomSettings.of(
            "builder",
            Map.of("transport", "kafka", "retry-max-backoff", "PT1M"),
            Map.of(
                "kafka",
                Map.of("sasl.jaas.config", "secret stuff"),
                "pubsub",
                Map.of("credentials-file", "/k.json", "api-key", "k")));

    Map<String, String> effective = settings.effectiveSettings();

    assertThat(effective)
        .containsEntry("transport", "kafka")
        .containsEntry("concurrency", "16")
        .containsEntry("retry-initial-backoff", "200ms")
        .containsEntry("retry-max-backoff", "1m")
        .containsEntry("shutdown-timeout", "30s")
        .containsEntry("retry-jitter", "0.5")
        .containsEntry("metrics-prefix", "mom")
        .containsEntry("kafka.sasl.jaas.config", "****")
        .containsEntry("pubsub.credentials-file", "****")
        .containsEntry("pubsub.api-key", "****")
        .doesNotContainKey("dead-letter-topic");
    assertThat(settings.toString()).doesNotContain("secret stuff");
  }

  @Test
  void readsTheBuildersSectionsAndIgnoresTheEnvironment() {
    MomSettings settings =
        MomSettings.of(
            "builder",
            Map.of("Concurrency", " 4 "),
            Map.of("mom", Map.of("max-in-flight", "10"), "inmemory", Map.of("Key", "v")));

    assertThat(settings.source()).isEqualTo("builder");
    assertThat(settings.concurrency()).isEqualTo(4);
    assertThat(settings.maxInFlight()).isEqualTo(10);
    assertThat(settings.sections()).containsExactly("inmemory");
    assertThat(settings.transportSettings().section("inmemory")).containsEntry("Key", "v");
  }

  @Test
  void treatsABlankValueAsNotSet() {
    MomSettings settings =
        MomSettings.of("builder", Map.of("transport", " ", "concurrency", ""), Map.of());

    assertThat(settings.transport()).isEmpty();
    assertThat(settings.concurrency()).isEqualTo(16);
    assertThat(settings.transportSettings().get("transport")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "sasl.jaas.config, true",
    "ssl.key.password, true",
    "ssl.keystore.key, true",
    "api-key, true",
    "client.secret, true",
    "private-key-file, true",
    "key.serializer, false",
    "bootstrap.servers, false",
    "keys, false"
  })
  void recognisesSecretKeys(String key, boolean secret) {
    assertThat(SettingValues.isSecret(key)).isEqualTo(secret);
  }

  @Test
  void rejectsAFileThatIsNotUtf8() throws IOException {
    Path file = dir.resolve("latin1.ini");
    Files.write(file, new byte[] {'[', 'm', 'o', 'm', ']', '\n', 'a', '=', (byte) 0xE9});

    assertThatThrownBy(() -> MomSettings.fromFile(file, Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("file " + file + ": not UTF-8 text");
  }

  @Test
  void skipsAByteOrderMark() throws IOException {
    Path file = write("\uFEFF[mom]", "concurrency = 2");

    MomSettings settings = MomSettings.fromFile(file, Map.of());

    assertThat(settings.concurrency()).isEqualTo(2);
  }

  @Test
  void namesTheBadValueOfAnOverriddenKeyByItsVariable() throws IOException {
    Path file = write("[mom]", "retry-jitter = 0.2");
    Map<String, String> env = Map.of("MOM_RETRY_JITTER", "1");

    assertThatThrownBy(() -> MomSettings.fromFile(file, env))
        .hasMessage(
            "environment variable MOM_RETRY_JITTER: retry-jitter = 1: must be a number >= 0 and < 1");
  }

  private Path write(String... lines) throws IOException {
    return Files.write(dir.resolve("mom.ini"), java.util.List.of(lines));
  }
}
