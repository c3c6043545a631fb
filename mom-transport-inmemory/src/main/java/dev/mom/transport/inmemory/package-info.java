/**
 * A message broker inside the JVM, with the semantics of a partitioned log: topics split into
 * partitions, consumer groups whose members share the partitions, offsets committed over the
 * contiguous acknowledged prefix, and redelivery of whatever was not acknowledged.
 *
 * <p>Use {@link dev.mom.transport.inmemory.InMemoryBroker} directly in tests, or configure {@code
 * transport = inmemory} and let {@link dev.mom.transport.inmemory.InMemoryTransportProvider} find
 * the broker by name.
 *
 * <p>Null policy: parameters and return values are never {@code null} unless a method says so.
 */
package dev.mom.transport.inmemory;
