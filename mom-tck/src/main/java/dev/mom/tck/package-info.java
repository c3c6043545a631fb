/**
 * The conformance suite every Mom transport passes: {@link dev.mom.tck.TransportConformanceTest}
 * holds the scenarios, a transport module extends it with a {@link dev.mom.tck.TransportFixture}
 * describing how to reach its broker and what it can do ({@link dev.mom.tck.Capabilities}).
 *
 * <p>Tests read the shared test data from the directory named by the system property {@code
 * mom.data.dir}.
 *
 * <p>Null policy: parameters and return values are never {@code null} unless a method says so.
 */
package dev.mom.tck;
