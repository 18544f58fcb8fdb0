package dev.inkwell.app.web;

import java.util.Map;

import org.springframework.stereotype.Component;

import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jackson.JsonNodeDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Refuses a request body whose text holds an unpaired UTF-16 surrogate ({@code "\ud800"}). JSON's
 * grammar allows the escape, I-JSON (RFC 7493) forbids it, and Jackson 3.1 accepts it in values
 * (jackson-core issue 1683); PostgreSQL's driver would then store {@code ?} in its place, changing
 * what the client sent without a word, and the embedding model fails on it. Every string a body
 * yields passes here: a {@code String} anywhere in a record, list or map, and every text in a
 * {@code JsonNode} (filters, metadata). Names are already checked by Jackson's parser.
 */
@Component
class WellFormedText extends SimpleModule {

  WellFormedText() {
    super("inkwell-well-formed-text");
    addDeserializer(String.class, checked(StringDeserializer.instance));
    addDeserializer(JsonNode.class, checked(JsonNodeDeserializer.getDeserializer(JsonNode.class)));
  }

  /** Jackson's own deserializer for {@code T}, followed by the check. */
  @SuppressWarnings("unchecked")
  private static <T> ValueDeserializer<T> checked(ValueDeserializer<? extends T> jackson) {
    return (ValueDeserializer<T>) (ValueDeserializer<?>) new Checked(jackson);
  }

  /** Body text that is not well-formed Unicode; {@link #field()} says where ({@code a.b[2]}), null: the whole body. */
  static final class MalformedTextException extends MismatchedInputException {

    private final String field;

    MalformedTextException(JsonParser parser, String field) {
      super(parser, (field.isEmpty() ? "the body" : field)
          + " is not well-formed Unicode text: it holds an unpaired UTF-16 surrogate");
      this.field = field.isEmpty() ? null : field;
    }

    String field() {
      return field;
    }
  }

  private static final class Checked extends DelegatingDeserializer {

    Checked(ValueDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
      return new Checked(delegate);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) {
      Object value = super.deserialize(parser, context);
      String at = value instanceof String text ? (wellFormed(text) ? null : "")
          : value instanceof JsonNode node ? malformedAt(node, "") : null;
      if (at != null) {
        String path = fieldOf(parser.streamReadContext()) + at;
        throw new MalformedTextException(parser, path.startsWith(".") ? path.substring(1) : path);
      }
      return value;
    }

    /** Where in {@code node} a text is malformed, relative to it, or null. */
    private static String malformedAt(JsonNode node, String at) {
      if (node.isString()) {
        return wellFormed(node.asString()) ? null : at;
      }
      if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          String found = malformedAt(node.get(i), at + "[" + i + "]");
          if (found != null) {
            return found;
          }
        }
      } else if (node.isObject()) {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
          String found = malformedAt(entry.getValue(), at + "." + entry.getKey());
          if (found != null) {
            return found;
          }
        }
      }
      return null;
    }

    /**
     * The value's place: after a scalar the context is its container, after an object or array
     * the container's too, so both name the value by the container's current name or index.
     */
    private static String fieldOf(TokenStreamContext context) {
      StringBuilder path = new StringBuilder();
      for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
        String segment = c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.currentName();
        path.insert(0, segment);
      }
      return path.toString();
    }
  }

  static boolean wellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
