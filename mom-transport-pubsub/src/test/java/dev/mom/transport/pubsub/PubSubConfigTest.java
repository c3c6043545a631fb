package dev.mom.transport.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mom.api.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PubSubConfigTest {
  private static final Map<String, String> NO_ENV = Map.of();

  @Test
  void readsEveryKeyOfThePubSubSection() {
    TestSettings settings =
        new TestSettings()
            .with("project-id", "shop")
            .with("emulator-host", "localhost:8085")
            .with("create-topics", "false")
            .with("create-subscriptions", "no")
            .with("parallel-pull", "8")
            .with("subscription-name", "{group}-{topic}")
            .with("max-ack-extension", "PT2H")
            .with("publish-timeout", "5s");

    PubSubConfig config = PubSubConfig.from(settings, NO_ENV::get);

    assertThat(config.projectId()).isEqualTo("shop");
    assertThat(config.emulatorHost()).contains("localhost:8085");
    assertThat(config.createTopics()).isFalse();
    assertThat(config.createSubscriptions()).isFalse();
    assertThat(config.parallelPull()).isEqualTo(8);
    assertThat(config.subscriptionName()).isEqualTo("{group}-{topic}");
    assertThat(config.maxAckExtension()).isEqualTo(Duration.ofHours(2));
    assertThat(config.publishTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void takesTheEmulatorFromTheEnvironmentAndCreatesOnDemandThere() {
    Map<String, String> env = Map.of("PUBSUB_EMULATOR_HOST", "localhost:9999");

    PubSubConfig config = PubSubConfig.from(new TestSettings(), env::get);

    assertThat(config.emulatorHost()).contains("localhost:9999");
    assertThat(config.projectId()).isEqualTo(PubSubConfig.EMULATOR_PROJECT);
    assertThat(config.createTopics()).isTrue();
    assertThat(config.createSubscriptions()).isTrue();
  }

  @Test
  void prefersTheConfiguredEmulatorHostToTheEnvironment() {
    Map<String, String> env = Map.of("PUBSUB_EMULATOR_HOST", "localhost:9999");
    TestSettings settings = new TestSettings().with("emulator-host", "localhost:8085");

    PubSubConfig config = PubSubConfig.from(settings, env::get);

    assertThat(config.emulatorHost()).contains("localhost:8085");
  }

  @Test
  void usesGoogleCloudDefaultsWithoutTheEmulator() {
    Map<String, String> env = Map.of("GOOGLE_CLOUD_PROJECT", "shop");

    PubSubConfig config = PubSubConfig.from(new TestSettings(), env::get);

    assertThat(config.emulatorHost()).isEmpty();
    assertThat(config.credentialsFile()).isEmpty();
    assertThat(config.projectId()).isEqualTo("shop");
    assertThat(config.createTopics()).isFalse();
    assertThat(config.createSubscriptions()).isFalse();
    assertThat(config.parallelPull()).isEqualTo(PubSubConfig.DEFAULT_PARALLEL_PULL);
  }

  @Test
  void requiresAProjectOutsideTheEmulator() {
    assertThatThrownBy(() -> PubSubConfig.from(new TestSettings(), NO_ENV::get))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("pubsub.project-id");
  }

  @Test
  void rejectsUnknownKeysAndBadValuesNamingTheKey() {
    assertThatThrownBy(() -> PubSubConfig.from(emulator().with("projekt", "x"), NO_ENV::get))
        .hasMessageContaining("pubsub.projekt");
    assertThatThrownBy(() -> PubSubConfig.from(emulator().with("parallel-pull", "0"), NO_ENV::get))
        .hasMessageContaining("pubsub.parallel-pull = 0");
    assertThatThrownBy(
            () -> PubSubConfig.from(emulator().with("create-topics", "maybe"), NO_ENV::get))
        .hasMessageContaining("pubsub.create-topics = maybe");
    assertThatThrownBy(
            () -> PubSubConfig.from(emulator().with("publish-timeout", "60"), NO_ENV::get))
        .hasMessageContaining("pubsub.publish-timeout = 60");
    assertThatThrownBy(
            () -> PubSubConfig.from(emulator().with("subscription-name", "{topic}"), NO_ENV::get))
        .hasMessageContaining("must contain {group}");
    assertThatThrownBy(
            () ->
                PubSubConfig.from(
                    emulator().with("credentials-file", "/no/such/key.json"), NO_ENV::get))
        .hasMessageContaining("pubsub.credentials-file");
  }

  @Test
  void readsDurationsAsMomsOtherKeysDoAndInIso8601() {
    assertThat(PubSubConfig.parseDuration("500ms")).contains(Duration.ofMillis(500));
    assertThat(PubSubConfig.parseDuration("2m")).contains(Duration.ofMinutes(2));
    assertThat(PubSubConfig.parseDuration("PT1H")).contains(Duration.ofHours(1));
    assertThat(PubSubConfig.parseDuration("soon")).isEmpty();
  }

  private static TestSettings emulator() {
    return TestSettings.emulator("localhost:8085");
  }
}
