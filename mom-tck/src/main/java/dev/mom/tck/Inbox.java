package dev.mom.tck;

import dev.mom.api.Consumer;
import dev.mom.api.Message;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A consumer that keeps every message it was handed and every message it handled. */
final class Inbox implements Consumer {

  /** What the consumer does with a message before it counts as handled. */
  @FunctionalInterface
  interface Behaviour {
    void apply(Message message) throws Exception;
  }

  private final Behaviour behaviour;
  private final Queue<Message> calls = new ConcurrentLinkedQueue<>();
  private final Queue<Message> handled = new ConcurrentLinkedQueue<>();

  private Inbox(Behaviour behaviour) {
    this.behaviour = behaviour;
  }

  /** Returns an inbox that handles every message. */
  static Inbox accepting() {
    return new Inbox(message -> {});
  }

  /** Returns an inbox that handles a message once the behaviour returned. */
  static Inbox behaving(Behaviour behaviour) {
    return new Inbox(behaviour);
  }

  @Override
  public void onMessage(Message message) throws Exception {
    calls.add(message);
    behaviour.apply(message);
    handled.add(message);
  }

  /** Returns every message handed over, failed attempts included, in the order of the calls. */
  List<Message> calls() {
    return List.copyOf(calls);
  }

  /** Returns the messages handled without failure, in the order they finished. */
  List<Message> handled() {
    return List.copyOf(handled);
  }

  /** Returns the ids of the messages handled without failure. */
  List<String> handledIds() {
    return handled.stream().map(Message::id).toList();
  }

  /** Returns how many messages were handled without failure. */
  int handledCount() {
    return handled.size();
  }
}
