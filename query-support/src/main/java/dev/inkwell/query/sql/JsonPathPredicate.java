package dev.inkwell.query.sql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.NumberText;
import dev.inkwell.query.Op;
import dev.inkwell.query.TextValue;
import dev.inkwell.query.Values;

/**
 * A typed comparison at a path inside a JSONB document ({@code {"metadata.score": {"$gt": 5}}}), as a
 * SQL/JSON path predicate for {@code metadata @@ CAST(? AS jsonpath)}: the comparison follows the JSON
 * type of the value (number, boolean, string), so a stored value of another type at that path is
 * simply not matched (the predicate is unknown, never an error), and a GIN {@code jsonb_path_ops} index
 * serves {@code ==}. The predicate is bound as one value; keys and string values are written as
 * jsonpath string literals, escaped.
 */
final class JsonPathPredicate {

  /** The operators compared by JSON type; the pattern operators ($like, ...) compare the path's text. */
  static final Set<Op> TYPED = EnumSet.of(Op.EQ, Op.NE, Op.GT, Op.GTE, Op.LT, Op.LTE, Op.IN, Op.NOT_IN, Op.BETWEEN,
      Op.NOT_BETWEEN);

  private JsonPathPredicate() {
  }

  static String of(String name, String path, Op op, Object value) {
    String at = accessor(name, path);
    return switch (op) {
      case EQ -> at + " == " + literal(name, value);
      // != is true for a JSON null against anything else; like SQL's <> on NULL it should not match.
      case NE -> "(" + at + " != " + literal(name, value) + " && " + at + " != null)";
      case GT -> at + " > " + literal(name, value);
      case GTE -> at + " >= " + literal(name, value);
      case LT -> at + " < " + literal(name, value);
      case LTE -> at + " <= " + literal(name, value);
      case IN, NOT_IN -> {
        List<?> items = WhereCompiler.list(name, op, value);
        if (items.isEmpty()) {
          yield op == Op.IN ? "false" : "true"; // as for a column: $in [] matches nothing, $notIn [] everything
        }
        List<String> parts = new ArrayList<>();
        for (Object item : items) {
          parts.add(at + (op == Op.IN ? " == " : " != ") + literal(name, item));
        }
        if (op == Op.NOT_IN) {
          parts.add(at + " != null");
        }
        yield "(" + String.join(op == Op.IN ? " || " : " && ", parts) + ")";
      }
      case BETWEEN, NOT_BETWEEN -> {
        List<?> bounds = WhereCompiler.bounds(name, op, value);
        String low = literal(name, bounds.get(0));
        String high = literal(name, bounds.get(1));
        yield op == Op.BETWEEN ? "(" + at + " >= " + low + " && " + at + " <= " + high + ")"
            : "(" + at + " < " + low + " || " + at + " > " + high + ")";
      }
      default -> throw new IllegalArgumentException(op.name());
    };
  }

  /** {@code $."a"."b"}: every key a quoted string, so any key is just a key. */
  private static String accessor(String name, String path) {
    StringBuilder at = new StringBuilder("$");
    for (String key : path.split("\\.", -1)) {
      if (key.isEmpty()) {
        throw new InvalidQueryException(name, "empty key in JSON path '" + name + "'");
      }
      at.append('.').append(string(key));
    }
    return at.toString();
  }

  /**
   * A JSON scalar as a jsonpath literal. From a query string the text decides: a number, true or
   * false, else a string (a number-like string is compared as a number there; the JSON form says which).
   */
  private static String literal(String name, Object value) {
    if (value instanceof TextValue text) {
      String t = text.text().trim();
      if (t.equals("true") || t.equals("false")) {
        return t;
      }
      BigDecimal number = NumberText.decimal(name, t);
      return number == null ? string(text.text()) : number.toPlainString();
    }
    if (value instanceof String s) {
      return string(s);
    }
    if (value instanceof Boolean b) {
      return b.toString();
    }
    if (value instanceof Number n) {
      try {
        return new BigDecimal(n.toString()).toPlainString();
      } catch (NumberFormatException e) {
        throw new InvalidQueryException(name, "'" + name + "' takes a finite number, got " + n);
      }
    }
    throw new InvalidQueryException(name, "'" + name + "' takes a string, number, boolean or null, got "
        + (value == null ? "null in a list" : Values.describe(value)));
  }

  /** A double-quoted jsonpath string: backslash, quote and control characters escaped. */
  private static String string(String s) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        default -> {
          if (ch < 0x20) {
            quoted.append(String.format("\\u%04x", (int) ch));
          } else {
            quoted.append(ch);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }
}
