/** Mom's public API and transport SPI. */
module dev.mom.api {
  requires transitive com.fasterxml.jackson.databind;

  exports dev.mom.api;
  exports dev.mom.spi;
}
