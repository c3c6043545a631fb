package dev.mom.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mom.api.Message;

/** Writes a message back as its envelope, one line of JSON, numbers exact. */
final class Envelopes {
  private Envelopes() {}

  /**
   * Returns the envelope of a message as one line: {@code id}, the optional fields it had, the
   * fields Mom does not know, then {@code payload}. A line {@code mom produce --file} takes back.
   */
  static String line(Message message, ObjectMapper mapper) {
    ObjectNode envelope = mapper.createObjectNode();
    envelope.put("id", message.id());
    message.eventType().ifPresent(type -> envelope.put("event_type", type));
    message.version().ifPresent(version -> envelope.put("version", version));
    message.timestamp().ifPresent(time -> envelope.put("timestamp", time));
    message.otherFields().forEach(envelope::set);
    envelope.set("payload", message.payload());
    try {
      return mapper.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      // A tree that was read as JSON is always written as JSON.
      throw new IllegalStateException("cannot write an envelope read a moment ago", e);
    }
  }
}
