package dev.mom.transport.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubscriptionNamesTest {
  private static final String RULE = PubSubConfig.DEFAULT_SUBSCRIPTION_NAME;

  @Test
  void joinsTopicAndGroupWithADot() {
    String name = SubscriptionNames.of(RULE, "orders", "billing");

    assertThat(name).isEqualTo("orders.billing");
  }

  @Test
  void escapesCharactersPubSubDoesNotAllowAsUtf8Bytes() {
    String name = SubscriptionNames.of(RULE, "orders", "billing team/é%");

    assertThat(name).isEqualTo("orders.billing%20team%2F%C3%A9%25");
  }

  @Test
  void keepsDistinctGroupsDistinct() {
    String escaped = SubscriptionNames.of(RULE, "orders", "a b");
    String literal = SubscriptionNames.of(RULE, "orders", "a%20b");

    assertThat(escaped).isNotEqualTo(literal);
  }

  @Test
  void prefixesNamesThatDoNotStartWithALetterOrStartWithGoog() {
    assertThat(SubscriptionNames.of("{group}", "orders", "42-workers")).isEqualTo("mom-42-workers");
    assertThat(SubscriptionNames.of("{group}", "orders", "google")).isEqualTo("mom-google");
    assertThat(SubscriptionNames.of("{group}", "orders", "ab")).isEqualTo("mom-ab");
  }

  @Test
  void cutsLongNamesAndEndsThemWithAHash() {
    String first = SubscriptionNames.of(RULE, "orders", "g".repeat(300) + "1");
    String second = SubscriptionNames.of(RULE, "orders", "g".repeat(300) + "2");

    assertThat(first).hasSize(SubscriptionNames.MAX_LENGTH);
    assertThat(first).isNotEqualTo(second);
    assertThat(first).matches("[A-Za-z][A-Za-z0-9._~+%-]*");
  }

  @Test
  void followsTheConfiguredRule() {
    String name = SubscriptionNames.of("svc-{group}-on-{topic}", "orders", "billing");

    assertThat(name).isEqualTo("svc-billing-on-orders");
  }
}
