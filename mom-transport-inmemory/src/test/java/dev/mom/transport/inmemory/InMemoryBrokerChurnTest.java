package dev.mom.transport.inmemory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mom.spi.InboundRecord;
import dev.mom.spi.RecordListener;
import dev.mom.spi.SubscribeRequest;
import dev.mom.spi.Subscription;
import dev.mom.spi.Transport;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Members joining and leaving while records flow lose nothing and count nothing twice. */
class InMemoryBrokerChurnTest {
  private static final int RECORDS = 3000;

  private final InMemoryBroker broker = InMemoryBroker.create();
  private final Transport transport = broker.transport();
  private final ExecutorService workers = Executors.newFixedThreadPool(4);
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  @AfterEach
  void stop() {
    transport.close();
    workers.shutdownNow();
  }

  @Test
  void acknowledgesEveryRecordOnceWhileMembersComeAndGo() {
    Deque<Subscription> members = new ArrayDeque<>();
    members.add(join());
    for (int i = 0; i < RECORDS; i++) {
      broker.publish("orders", "key-" + (i % 50), ("value-" + i).getBytes(UTF_8), Map.of());
    }

    for (int round = 1; round <= 8; round++) {
      long progress = round * (RECORDS / 10L);
      await().until(() -> broker.acknowledged("churn", "orders") >= progress);
      members.add(join());
      if (round % 2 == 0) {
        members.poll().close();
      }
    }

    broker.awaitAcknowledged("churn", "orders", RECORDS, Duration.ofSeconds(30));
    assertThat(broker.acknowledged("churn", "orders")).isEqualTo(RECORDS);
    assertThat(seen).hasSize(RECORDS);
  }

  /** Joins a member that acknowledges on worker threads, as Mom does, skipping revoked records. */
  private Subscription join() {
    RecordListener listener = record -> workers.execute(() -> settle(record));
    return transport.subscribe(new SubscribeRequest("churn", "orders", 20), listener);
  }

  private void settle(InboundRecord record) {
    if (!record.isRevoked()) {
      seen.add(new String(record.value(), UTF_8));
      record.ack();
    }
  }
}
