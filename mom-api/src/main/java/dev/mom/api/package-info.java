/**
 * What a service writes against: {@link dev.mom.api.Consumer}, {@link dev.mom.api.Producer}, {@link
 * dev.mom.api.Message} and the exceptions that choose between retry and skip.
 *
 * <p>Null policy: parameters and return values are never {@code null} unless a method says so;
 * optional values are {@link java.util.Optional}.
 */
package dev.mom.api;
