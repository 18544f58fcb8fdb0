package dev.inkwell.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One ORDER BY item on a named field, like Sequelize's {@code ['age', 'DESC']}. */
public record Sort(String field, Direction direction, Nulls nulls) {

  public enum Direction { ASC, DESC }

  public enum Nulls {
    /** The database's default: last for ASC, first for DESC. */
    DEFAULT(""), FIRST("NULLS FIRST"), LAST("NULLS LAST");

    private final String sql;

    Nulls(String sql) {
      this.sql = sql;
    }

    public String sql() {
      return sql;
    }
  }

  public static Sort asc(String field) {
    return new Sort(field, Direction.ASC, Nulls.DEFAULT);
  }

  public static Sort desc(String field) {
    return new Sort(field, Direction.DESC, Nulls.DEFAULT);
  }

  /**
   * Sequelize's pair form: {@code field} and {@code "ASC"}, {@code "DESC"}, optionally followed by
   * {@code NULLS FIRST|LAST} ({@code "DESC NULLS LAST"}), any case.
   */
  public static Sort of(String field, String direction) {
    String[] words = direction == null ? new String[0] : direction.trim().toUpperCase(Locale.ROOT).split("\\s+");
    try {
      Direction dir = words.length == 0 || words[0].isEmpty() ? Direction.ASC : Direction.valueOf(words[0]);
      Nulls nulls = Nulls.DEFAULT;
      if (words.length == 3 && words[1].equals("NULLS")) {
        nulls = Nulls.valueOf(words[2]);
      } else if (words.length != 1) {
        throw new IllegalArgumentException();
      }
      return new Sort(field, dir, nulls);
    } catch (IllegalArgumentException e) {
      throw new InvalidQueryException(field, "invalid order direction '" + direction + "' for '" + field
          + "'; allowed: ASC, DESC, optionally followed by NULLS FIRST or NULLS LAST");
    }
  }

  /** The query-string form: {@code -age,name} (minus for descending). */
  public static List<Sort> parseList(String spec) {
    List<Sort> sorts = new ArrayList<>();
    if (spec == null || spec.isBlank()) {
      return sorts;
    }
    for (String item : spec.split(",")) {
      String field = item.trim();
      if (field.startsWith("-")) {
        sorts.add(desc(field.substring(1).trim()));
      } else {
        sorts.add(asc(field.startsWith("+") ? field.substring(1).trim() : field));
      }
    }
    return sorts;
  }
}
