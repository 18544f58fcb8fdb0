package dev.inkwell.query;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A number written as text in a request (a path, a query string): ASCII digits, as PostgreSQL reads an
 * integer or a numeric, with spaces around allowed.
 *
 * <p>Why not Java's parsers alone: {@code Integer.parseInt} and {@code BigDecimal} also read other
 * scripts' digits ({@code "١"}, {@code "３"}) and Spring's converter reads hexadecimal ({@code "0x1"},
 * {@code "#1"}), so one id had several spellings; and {@code BigDecimal} takes any exponent, so
 * {@code "1e999999999"} became a billion digits when written out, an out-of-memory error from one GET.
 */
public final class NumberText {

  /** The most digits a decimal may spell out, before or after its point: Jackson's default length of a JSON number. */
  public static final int MAX_DIGITS = 1000;

  private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

  private NumberText() {
  }

  /** The int the text spells in decimal digits, else {@link NumberFormatException} (also beyond an int's range). */
  public static int wholeNumber(String text) {
    String t = text.trim();
    if (!WHOLE.matcher(t).matches()) {
      throw new NumberFormatException("not a whole number in decimal digits: \"" + text + "\"");
    }
    return Integer.parseInt(t);
  }

  /**
   * The decimal the text spells, or null where it spells none; a 400 for {@code name} where it spells
   * more than {@link #MAX_DIGITS} digits before or after the point.
   */
  public static BigDecimal decimal(String name, String text) {
    String t = text.trim();
    if (!DECIMAL.matcher(t).matches()) {
      return null;
    }
    BigDecimal d;
    try {
      d = new BigDecimal(t);
    } catch (NumberFormatException exponentBeyondAnInt) {
      d = null;
    }
    if (d != null && d.signum() == 0) {
      return BigDecimal.ZERO; // 0e-999999999 is zero, not a billion digits
    }
    if (d == null || d.precision() - d.scale() > MAX_DIGITS || d.scale() > MAX_DIGITS) {
      throw new InvalidQueryException(name, "'" + name + "' takes a number of at most " + MAX_DIGITS
          + " digits before and after its point");
    }
    return d;
  }
}
