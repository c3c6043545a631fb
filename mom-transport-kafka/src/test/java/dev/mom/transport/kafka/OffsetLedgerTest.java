package dev.mom.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The commit bookkeeping alone, without a broker. */
class OffsetLedgerTest {

  private static final TopicPartition PARTITION = new TopicPartition("orders", 0);

  private final OffsetLedger ledger = new OffsetLedger();

  @Test
  void commitsUpToTheFirstRecordNotAcknowledged() {
    List<KafkaInboundRecord> records = deliver(5);

    records.get(0).ack();
    records.get(1).ack();
    records.get(3).ack();

    assertThat(ledger.issueCommits(Set.of(PARTITION))).isEqualTo(offset(2));
  }

  @Test
  void commitsAgainOnlyWhenThePrefixGrows() {
    List<KafkaInboundRecord> records = deliver(3);
    records.get(0).ack();
    ledger.issueCommits(Set.of(PARTITION));

    records.get(2).ack();

    assertThat(ledger.issueCommits(Set.of(PARTITION))).isEmpty();
    records.get(1).ack();
    assertThat(ledger.issueCommits(Set.of(PARTITION))).isEqualTo(offset(3));
  }

  @Test
  void countsRecordsAsOutstandingUntilTheBrokerConfirmsTheirCommit() {
    List<KafkaInboundRecord> records = deliver(4);
    records.forEach(KafkaInboundRecord::ack);
    Map<TopicPartition, OffsetAndMetadata> offsets = ledger.issueCommits(Set.of(PARTITION));

    assertThat(ledger.outstanding()).isEqualTo(4);
    ledger.committed(offsets, null);

    assertThat(ledger.outstanding()).isZero();
  }

  @Test
  void sendsAFailedCommitAgain() {
    deliver(2).forEach(KafkaInboundRecord::ack);
    Map<TopicPartition, OffsetAndMetadata> offsets = ledger.issueCommits(Set.of(PARTITION));

    ledger.committed(offsets, new IllegalStateException("rebalancing"));

    assertThat(ledger.issueCommits(Set.of(PARTITION))).isEqualTo(offset(2));
  }

  @Test
  void revokesWhatIsNotAcknowledgedAndIgnoresLaterAcknowledgements() {
    List<KafkaInboundRecord> records = deliver(3);
    records.get(0).ack();

    ledger.revokeUnsettled(Set.of(PARTITION));
    records.get(1).ack();

    assertThat(records.get(0).isRevoked()).isFalse();
    assertThat(records.get(1).isRevoked()).isTrue();
    assertThat(records.get(2).isRevoked()).isTrue();
    assertThat(ledger.issueCommits(Set.of(PARTITION))).isEqualTo(offset(1));
  }

  @Test
  void waitsForNothingOnceEveryRecordIsAcknowledgedOrReleased() {
    List<KafkaInboundRecord> records = deliver(2);

    records.get(0).ack();
    assertThat(ledger.allDone(Set.of(PARTITION))).isFalse();
    records.get(1).release();

    assertThat(ledger.allDone(Set.of(PARTITION))).isTrue();
    assertThat(ledger.issueCommits(Set.of(PARTITION))).isEqualTo(offset(1));
  }

  @Test
  void forgetsTheRecordsFromARewindOn() {
    List<KafkaInboundRecord> records = deliver(4);
    records.get(0).ack();
    records.get(2).ack();

    assertThat(ledger.rewind(PARTITION, 1)).isTrue();

    assertThat(records.get(1).isRevoked()).isTrue();
    assertThat(records.get(3).isRevoked()).isTrue();
    assertThat(ledger.outstanding()).isEqualTo(1);
    assertThat(ledger.issueCommits(Set.of(PARTITION))).isEqualTo(offset(1));
  }

  @Test
  void forgetsRemovedPartitions() {
    deliver(3);

    ledger.remove(Set.of(PARTITION));

    assertThat(ledger.outstanding()).isZero();
    assertThat(ledger.partitions()).isEmpty();
  }

  private List<KafkaInboundRecord> deliver(int count) {
    List<KafkaInboundRecord> records = new ArrayList<>();
    for (int offset = 0; offset < count; offset++) {
      ConsumerRecord<byte[], byte[]> consumed =
          new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset, null, new byte[0]);
      KafkaInboundRecord record = KafkaInboundRecord.of(consumed, () -> {}, released -> {});
      ledger.delivered(record);
      records.add(record);
    }
    return records;
  }

  private static Map<TopicPartition, OffsetAndMetadata> offset(long offset) {
    return Map.of(PARTITION, new OffsetAndMetadata(offset));
  }
}
