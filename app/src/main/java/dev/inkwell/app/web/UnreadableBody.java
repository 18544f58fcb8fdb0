package dev.inkwell.app.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * What was wrong with a body Jackson could not read, in the client's terms: the JSON's line and
 * column, or the field and the kind of value it takes. Jackson's own messages name Java types and
 * Spring's default says only "Failed to read request".
 */
final class UnreadableBody {

  private UnreadableBody() {
  }

  /** The problem for {@code e}, or null when nothing more precise than Spring's default can be said. */
  static ProblemDetail problem(HttpMessageNotReadableException e) {
    Throwable cause = e.getCause();
    if (cause instanceof WellFormedText.MalformedTextException malformed) {
      return invalid(malformed.getOriginalMessage(), malformed.field());
    }
    Class<?> target = cause instanceof MismatchedInputException mismatch ? mismatch.getTargetType()
        : cause instanceof InputCoercionException coercion ? coercion.getTargetType() : null;
    if (target != null) {
      String field = field((JacksonException) cause);
      if (target.isArray() && field.endsWith("]")) {
        // A bad element of a primitive array (a null, a nested array) names the array as the target.
        target = target.getComponentType();
      }
      return invalid((field.isEmpty() ? "the body" : field) + " must be " + kind(target), field.isEmpty() ? null : field);
    }
    if (cause instanceof StreamReadException read && read.getLocation() != null
        && read.getLocation() != TokenStreamLocation.NA) {
      String what = read.getOriginalMessage();
      int where = what.indexOf(" (start marker at");
      return invalid("malformed JSON at line " + read.getLocation().getLineNr() + ", column "
          + read.getLocation().getColumnNr() + ": " + (where < 0 ? what : what.substring(0, where)), null);
    }
    return null;
  }

  private static ProblemDetail invalid(String detail, String field) {
    return ProblemHandler.problem(HttpStatus.BAD_REQUEST, "Invalid request", detail, field);
  }

  /** The JSON path of the value, as {@code a.b[2]}; empty for the whole body. */
  private static String field(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String kind(Class<?> type) {
    if (type == Integer.class || type == int.class) {
      return "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
    }
    if (type == Long.class || type == long.class || type == BigInteger.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class || type == Float.class || type == float.class
        || type == BigDecimal.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }
}
