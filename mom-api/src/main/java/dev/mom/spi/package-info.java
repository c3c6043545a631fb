/**
 * The transport service-provider interface: what a broker module implements so that Mom can run on
 * it. A transport moves bytes, keys and headers and reports acknowledgements; Mom's core does the
 * rest.
 *
 * <p>Null policy: parameters and return values are never {@code null} unless a method says so.
 */
package dev.mom.spi;
