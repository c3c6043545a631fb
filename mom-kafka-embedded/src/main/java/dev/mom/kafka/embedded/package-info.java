/**
 * A single-node Kafka broker (KRaft) inside the JVM, for development, demos and tests.
 *
 * <p>Null policy: no parameter accepts {@code null} and no method returns it.
 */
package dev.mom.kafka.embedded;
