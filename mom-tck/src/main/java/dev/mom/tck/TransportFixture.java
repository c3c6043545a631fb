package dev.mom.tck;

import dev.mom.Mom;
import dev.mom.spi.Transport;

/**
 * What a transport module gives the conformance suite: Mom instances wired to its broker, raw
 * access to the broker, and a description of what it supports.
 *
 * <p>The suite asks for a fixture before every test and may call its methods from any thread.
 * Instances the suite builds ({@link Mom}, {@link Transport}) are closed by the suite.
 */
public interface TransportFixture {

  /**
   * Returns a builder for a Mom instance on the transport under test; the suite adds its own
   * settings (concurrency, retries, dead-letter topic, shutdown timeout) and builds it. Every call
   * returns a builder for a separate instance, as separate services would be; all of them reach the
   * same broker.
   *
   * @return a new builder
   */
  Mom.Builder newMom();

  /**
   * Returns a new transport to the broker under test, which the suite uses to read dead letters
   * record by record. The suite closes it.
   *
   * @return a new transport
   */
  Transport newTransport();

  /**
   * Writes raw bytes to a topic with the broker's plain client, bypassing Mom's producer: how the
   * suite feeds consumers bytes Mom would never write. Returns once the broker has the record.
   *
   * @param topic the topic
   * @param key the record key, or {@code null} for none
   * @param value the value; {@code null} writes a record without value (a tombstone), which the
   *     suite only asks for when {@link Capabilities#nullValues()} is set
   */
  void writeRaw(String topic, String key, byte[] value);

  /** Returns what the transport supports; scenarios needing more are skipped, saying why. */
  Capabilities capabilities();

  /**
   * Returns a topic name no test used before, creating the topic if the broker needs that.
   *
   * @param prefix a readable prefix of letters, digits and dashes, naming the scenario
   * @return the topic name
   */
  String uniqueTopic(String prefix);
}
