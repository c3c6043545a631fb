/**
 * Mom's transport on Google Cloud Pub/Sub, and on Google's Pub/Sub emulator. The only public type
 * is {@link dev.mom.transport.pubsub.PubSubTransportProvider}, found by {@link
 * java.util.ServiceLoader}; users configure it through the {@code [pubsub]} section.
 *
 * <p>Null policy: parameters and return values are never {@code null} unless a method says so.
 */
package dev.mom.transport.pubsub;
