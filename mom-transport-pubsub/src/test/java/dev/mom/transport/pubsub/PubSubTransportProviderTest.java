package dev.mom.transport.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mom.api.MomException;
import dev.mom.spi.OutboundRecord;
import dev.mom.spi.Transport;
import dev.mom.spi.TransportProvider;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PubSubTransportProviderTest {

  @Test
  void isFoundByTheServiceLoaderAsPubsub() {
    ServiceLoader<TransportProvider> providers = ServiceLoader.load(TransportProvider.class);

    assertThat(providers.stream().map(ServiceLoader.Provider::get))
        .anySatisfy(
            provider -> {
              assertThat(provider.name()).isEqualTo("pubsub");
              assertThat(provider.sections()).containsExactly("pubsub");
            });
  }

  @Test
  void failsASendThatIsNotAcknowledgedInTime() throws IOException {
    TestSettings settings =
        TestSettings.emulator("localhost:" + closedPort())
            .with("create-topics", "false")
            .with("publish-timeout", "PT1S");

    try (Transport transport = new PubSubTransportProvider(name -> null).create(settings)) {
      CompletableFuture<Void> send =
          transport.send(new OutboundRecord("orders", "ord-1", new byte[] {'{', '}'}, Map.of()));

      assertThatThrownBy(send::join)
          .hasCauseInstanceOf(MomException.class)
          .hasMessageContaining("no acknowledgement within PT1S");
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
