/** Mom's core: the entry point, configuration, the envelope, dispatch, retry, dead letters. */
module dev.mom.core {
  requires transitive dev.mom.api;
  requires io.github.resilience4j.core;
  requires io.github.resilience4j.retry;
  requires org.slf4j;

  exports dev.mom;

  uses dev.mom.spi.TransportProvider;
}
