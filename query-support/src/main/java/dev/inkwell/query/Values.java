package dev.inkwell.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;

/** Checks a value from a filter or a change set against a field's type and converts it to what binds. */
public final class Values {

  private Values() {
  }

  /** The value as the Java type the column binds, or an error naming the expected type. */
  public static Object coerce(String name, FieldType type, Object value) {
    if (value == null) {
      throw new InvalidQueryException(name, "'" + name + "': null is only allowed with $eq, $ne, $is and $not");
    }
    if (value instanceof TextValue text) {
      return fromText(name, type, text.text());
    }
    return switch (type) {
      case TEXT -> {
        if (value instanceof String s) {
          yield s;
        }
        throw new InvalidQueryException(name, "'" + name + "' takes a string, got " + describe(value));
      }
      case BOOLEAN -> {
        if (value instanceof Boolean b) {
          yield b;
        }
        throw new InvalidQueryException(name, "'" + name + "' takes true or false, got " + describe(value));
      }
      case INTEGER -> integer(name, value);
      case DECIMAL -> {
        if (value instanceof Number n && !(n instanceof Double x && !Double.isFinite(x))) {
          yield new BigDecimal(n.toString());
        }
        throw new InvalidQueryException(name, "'" + name + "' takes a number, got " + describe(value));
      }
      case TIMESTAMP -> timestamp(name, value);
      case JSONB -> throw new InvalidQueryException(name, "'" + name + "' is a JSON document: use $contains or $hasKey");
    };
  }

  private static Integer integer(String name, Object value) {
    BigInteger n = null;
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      n = BigInteger.valueOf(((Number) value).longValue());
    } else if (value instanceof BigInteger b) {
      n = b;
    } else if (value instanceof BigDecimal d && d.signum() != 0 && d.precision() - d.scale() > 10) {
      // Out of range however it is written out, and not written out: 1E+999999999 would be a billion digits.
      throw new InvalidQueryException(name, "'" + name + "' is out of range for an integer: " + d);
    } else if (value instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0) {
      n = d.toBigIntegerExact();
    }
    if (n == null) {
      throw new InvalidQueryException(name, "'" + name + "' takes an integer, got " + describe(value));
    }
    if (n.bitLength() > 31) {
      throw new InvalidQueryException(name, "'" + name + "' is out of range for an integer: " + n);
    }
    return n.intValue();
  }

  private static OffsetDateTime timestamp(String name, Object value) {
    if (value instanceof OffsetDateTime t) {
      return t;
    }
    if (value instanceof Instant i) {
      return i.atOffset(ZoneOffset.UTC);
    }
    if (value instanceof String s) {
      try {
        return OffsetDateTime.parse(s);
      } catch (DateTimeParseException e) {
        throw new InvalidQueryException(name, "'" + name + "' takes an ISO-8601 timestamp with offset, got \"" + s + "\"");
      }
    }
    throw new InvalidQueryException(name, "'" + name + "' takes an ISO-8601 timestamp, got " + describe(value));
  }

  private static Object fromText(String name, FieldType type, String text) {
    if (type == FieldType.INTEGER || type == FieldType.DECIMAL) {
      BigDecimal number = NumberText.decimal(name, text);
      if (number == null) {
        throw new InvalidQueryException(name, "'" + name + "' takes a number, got \"" + text + "\"");
      }
      return type == FieldType.INTEGER ? coerce(name, type, number) : number;
    }
    return switch (type) {
      case BOOLEAN -> switch (text.trim()) {
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        default -> throw new InvalidQueryException(name, "'" + name + "' takes true or false, got \"" + text + "\"");
      };
      default -> coerce(name, type, text);
    };
  }

  public static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "the string \"" + s + "\"";
    }
    if (value instanceof Map || value instanceof Collection) {
      return "a " + (value instanceof Map ? "JSON object" : "list");
    }
    return value.getClass().getSimpleName().toLowerCase() + " " + value;
  }

}
