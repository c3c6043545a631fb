package dev.mom.cli;

import dev.mom.api.Consumer;
import dev.mom.api.Message;
import dev.mom.api.Producer;

/**
 * The echo service: writes every message it is given, same id and payload, to another topic. It
 * returns once the broker has the copy, so that Mom acknowledges the original only then.
 */
final class Echo implements Consumer {
  private final Producer out;

  Echo(Producer out) {
    this.out = out;
  }

  @Override
  public void onMessage(Message message) {
    out.write(message.id(), message.payload());
  }
}
