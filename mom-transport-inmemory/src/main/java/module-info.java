/** Mom's in-memory transport: a broker inside the JVM for unit tests and demos. */
module dev.mom.transport.inmemory {
  requires dev.mom.api;
  requires org.slf4j;

  exports dev.mom.transport.inmemory;

  provides dev.mom.spi.TransportProvider with
      dev.mom.transport.inmemory.InMemoryTransportProvider;
}
