/**
 * Mom's transport for Apache Kafka, through kafka-clients.
 *
 * <p>Users do not call this package: they put its jar on the class path and set {@code transport =
 * kafka} (or {@code kafka-bootstrap-brokers}). {@link
 * dev.mom.transport.kafka.KafkaTransportProvider} is found with {@link java.util.ServiceLoader}.
 *
 * <p>Null policy: parameters and return values are never {@code null} unless a method says so.
 */
package dev.mom.transport.kafka;
