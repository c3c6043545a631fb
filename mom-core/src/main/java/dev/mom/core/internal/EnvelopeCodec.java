package dev.mom.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import dev.mom.api.InvalidMessageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes Mom's JSON envelope: one UTF-8 JSON object with a non-empty {@code id} and a
 * {@code payload}, and optionally {@code event_type}, {@code version}, {@code timestamp} and fields
 * Mom does not know, which are kept.
 *
 * <p><b>Exact numbers.</b> Integers of any size stay exact ({@code BigInteger} beyond 64 bits) and
 * decimals are read as {@code BigDecimal}, as written ({@code 0.1} stays {@code 0.1}, {@code 1.50}
 * keeps its zero): a payload is never rounded through a {@code double}.
 *
 * <p><b>Limits.</b> Nesting deeper than {@value #MAX_NESTING_DEPTH}, a number longer than {@value
 * #MAX_NUMBER_LENGTH} characters or with an exponent beyond ±{@value #MAX_EXPONENT}, and a field
 * given twice in one object make a message invalid, so that no message can exhaust the stack or the
 * heap of a consumer. {@link #encode} applies the same nesting limit, so what Mom writes it reads.
 *
 * <p><b>Threads.</b> Thread-safe; one instance is meant to be shared. {@link #mapper()} is the
 * mapper used to read payloads into types; it must not be reconfigured.
 */
public final class EnvelopeCodec {

  /** The deepest nesting of arrays and objects a message may have. */
  public static final int MAX_NESTING_DEPTH = 500;

  /** The most characters a number may have. */
  public static final int MAX_NUMBER_LENGTH = 1000;

  /** The largest decimal exponent, either way, a number may have. */
  public static final int MAX_EXPONENT = 1000;

  private static final String PREFIX = "invalid envelope: ";
  private static final Set<String> KNOWN_FIELDS =
      Set.of("id", "payload", "event_type", "version", "timestamp");
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** The last timestamp written: a producer writes many messages in the same millisecond. */
  private volatile FormattedTime lastTime = new FormattedTime(Long.MIN_VALUE, "");

  private final ObjectMapper mapper;
  private final ObjectReader treeReader;

  /** Creates a codec with its own configured {@link ObjectMapper}. */
  public EnvelopeCodec() {
    mapper = newMapper();
    treeReader = mapper.readerFor(JsonNode.class);
  }

  /**
   * Returns the mapper the codec reads and writes with: exact numbers, the limits above, unknown
   * properties ignored when a payload is mapped to a type (payloads grow new fields over time).
   */
  public ObjectMapper mapper() {
    return mapper;
  }

  /**
   * Decodes an envelope.
   *
   * @param bytes the record value; {@code null} for a record without one (a Kafka tombstone)
   * @return the envelope
   * @throws InvalidMessageException if the bytes are not a valid envelope; the message names the
   *     rule broken, for example {@code "invalid envelope: `id` is an empty string"}, and holds no
   *     text of the message itself
   */
  public Envelope decode(byte[] bytes) {
    if (bytes == null) {
      throw invalid("no value (tombstone)");
    }
    if (bytes.length == 0) {
      throw invalid("empty (zero bytes)");
    }
    int invalidByte = Utf8.firstInvalidByte(bytes);
    if (invalidByte >= 0) {
      throw invalid("invalid UTF-8 at byte " + (invalidByte + 1));
    }

    JsonParser parser = null;
    try {
      parser = mapper.createParser(bytes);
      return read(parser);
    } catch (NumberOutOfRangeException e) {
      throw invalid("number out of range (exponent beyond ±" + MAX_EXPONENT + ")");
    } catch (StreamConstraintsException e) {
      throw invalid(limitBroken(e));
    } catch (JsonEOFException e) {
      throw invalid("truncated JSON");
    } catch (JsonParseException e) {
      throw invalid(malformed(parser, e));
    } catch (IOException e) {
      throw invalid("not JSON");
    } finally {
      closeQuietly(parser);
    }
  }

  /**
   * Encodes an envelope as PyMom does, fields in this order: {@code id}, {@code event_type}, {@code
   * version}, {@code timestamp} (ISO-8601 UTC with milliseconds), {@code payload}.
   *
   * @param id the correlation id, not empty
   * @param payload anything the mapper can write, {@code null} included
   * @param eventType the event type; {@code null} writes {@code ""}, as PyMom does
   * @param version the version; {@code null} writes {@code "1.0"}, as PyMom does
   * @param timestamp when the message was made; {@code null} for now
   * @return the UTF-8 bytes
   * @throws IllegalArgumentException if the id is {@code null} or empty or the payload cannot be
   *     written as JSON
   */
  public byte[] encode(
      String id, Object payload, String eventType, String version, Instant timestamp) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("id must not be null or empty");
    }
    Instant time = timestamp == null ? Instant.now() : timestamp;

    ByteArrayBuilder out = new ByteArrayBuilder(256);
    try (JsonGenerator generator = mapper.createGenerator(out)) {
      generator.writeStartObject();
      generator.writeStringField("id", id);
      generator.writeStringField("event_type", eventType == null ? "" : eventType);
      generator.writeStringField("version", version == null ? "1.0" : version);
      generator.writeStringField("timestamp", format(time));
      generator.writeFieldName("payload");
      mapper.writeValue(generator, payload);
      generator.writeEndObject();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "payload cannot be written as JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return out.toByteArray();
  }

  private Envelope read(JsonParser parser) throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) {
      throw invalid("only white space");
    }
    if (first != JsonToken.START_OBJECT) {
      throw invalid("not an object but " + describe(first));
    }

    Fields fields = new Fields();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      fields.read(name, parser.nextToken(), parser);
    }
    if (hasMoreContent(parser)) {
      throw invalid("content after the object");
    }
    return fields.envelope();
  }

  private static boolean hasMoreContent(JsonParser parser) throws IOException {
    try {
      return parser.nextToken() != null;
    } catch (JsonParseException notJson) {
      return true;
    }
  }

  /** The fields of one envelope as they are read. */
  private final class Fields {
    private String id;
    private JsonNode payload;
    private String eventType;
    private String version;
    private String timestamp;
    private Map<String, JsonNode> others;

    void read(String name, JsonToken value, JsonParser parser) throws IOException {
      switch (name) {
        case "id" -> id = id(value, parser);
        case "payload" -> payload = tree(parser);
        case "event_type" -> eventType = text(name, value, parser);
        case "version" -> version = text(name, value, parser);
        case "timestamp" -> timestamp = text(name, value, parser);
        default -> other(name, parser);
      }
    }

    private void other(String name, JsonParser parser) throws IOException {
      if (others == null) {
        others = new LinkedHashMap<>();
      }
      others.put(name, tree(parser));
    }

    Envelope envelope() {
      if (id == null) {
        throw invalid("no `id`");
      }
      if (payload == null) {
        throw invalid("no `payload`");
      }
      return new Envelope(id, payload, eventType, version, timestamp, others);
    }
  }

  private JsonNode tree(JsonParser parser) throws IOException {
    JsonNode node = treeReader.readValue(parser);
    return node == null ? NullNode.getInstance() : node;
  }

  private static String id(JsonToken value, JsonParser parser) throws IOException {
    return switch (value) {
      case VALUE_STRING -> nonEmpty(parser.getText());
      case VALUE_NUMBER_INT -> parser.getText();
      case VALUE_NUMBER_FLOAT -> checkRange(parser.getDecimalValue()).toPlainString();
      default -> throw invalid("`id` is " + describe(value));
    };
  }

  private static String nonEmpty(String id) {
    if (id.isEmpty()) {
      throw invalid("`id` is an empty string");
    }
    return id;
  }

  private static String text(String name, JsonToken value, JsonParser parser) throws IOException {
    return switch (value) {
      case VALUE_NULL -> null;
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
          parser.getText();
      default -> throw invalid("`" + name + "` is " + describe(value));
    };
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.name();
    };
  }

  private static String limitBroken(StreamConstraintsException e) {
    String message = String.valueOf(e.getOriginalMessage());
    if (message.contains("nesting depth")) {
      return "nesting deeper than " + MAX_NESTING_DEPTH;
    }
    if (message.contains("Number value length")) {
      return "number longer than " + MAX_NUMBER_LENGTH + " characters";
    }
    return "beyond the parser's limits";
  }

  /** Names what is malformed and where, without quoting the message's own text. */
  private static String malformed(JsonParser parser, JsonParseException e) {
    JsonStreamContext context = parser.getParsingContext();
    if (e.getOriginalMessage().startsWith("Duplicate field")) {
      return duplicate(context);
    }
    String where =
        " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    return (context.inRoot() ? "not JSON" : "malformed JSON") + where;
  }

  private static String duplicate(JsonStreamContext context) {
    if (context.getParent() != null && context.getParent().inRoot()) {
      return fieldName(context.getCurrentName()) + " given twice";
    }
    JsonStreamContext topLevel = context;
    while (topLevel.getParent() != null && !topLevel.getParent().inRoot()) {
      topLevel = topLevel.getParent();
    }
    return "a field given twice inside " + fieldName(topLevel.getCurrentName());
  }

  /** Names a top-level field if Mom knows it; other names are the message's own text. */
  private static String fieldName(String name) {
    return KNOWN_FIELDS.contains(name) ? "`" + name + "`" : "an unknown field";
  }

  private static BigDecimal checkRange(BigDecimal number) {
    if (Math.abs((long) number.scale()) > MAX_EXPONENT) {
      throw new NumberOutOfRangeException();
    }
    return number;
  }

  private static InvalidMessageException invalid(String reason) {
    return new InvalidMessageException(PREFIX + reason);
  }

  private static void closeQuietly(JsonParser parser) {
    if (parser != null) {
      try {
        parser.close();
      } catch (IOException ignored) {
        // A parser over a byte array holds nothing to release.
      }
    }
  }

  private static ObjectMapper newMapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    // No string limit of its own: whatever Mom's producer writes, Mom must read;
                    // the broker's message size limit bounds it.
                    .maxStringLength(Integer.MAX_VALUE)
                    .build())
            .streamWriteConstraints(
                StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();
    return JsonMapper.builder(factory)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .nodeFactory(new ExactNodeFactory())
        .build();
  }

  /**
   * Keeps decimals exactly as written and refuses exponents that would make a {@code BigDecimal} of
   * absurd size when a handler converts it ({@code 1e999999}).
   */
  private static final class ExactNodeFactory extends JsonNodeFactory {
    private static final long serialVersionUID = 1L;

    ExactNodeFactory() {
      super(true);
    }

    @Override
    public ValueNode numberNode(BigDecimal value) {
      return value == null ? nullNode() : super.numberNode(checkRange(value));
    }
  }

  /** Thrown from inside Jackson's tree building; carries no stack, it is turned into a reason. */
  private static final class NumberOutOfRangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NumberOutOfRangeException() {
      super("number out of range", null, false, false);
    }
  }

  private String format(Instant time) {
    long millis = time.toEpochMilli();
    FormattedTime last = lastTime;
    if (last.millis() != millis) {
      last = new FormattedTime(millis, TIMESTAMP.format(time));
      lastTime = last;
    }
    return last.text();
  }

  private record FormattedTime(long millis, String text) {}
}
