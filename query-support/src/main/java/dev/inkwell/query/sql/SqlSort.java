package dev.inkwell.query.sql;

/** One ORDER BY item; every part comes from code (whitelisted column, enum keywords). */
public record SqlSort(String column, String direction, String nulls) {

  /** Getter names for the XML ({@code ${s.column}}). */
  public String getColumn() {
    return column;
  }

  public String getDirection() {
    return direction;
  }

  public String getNulls() {
    return nulls;
  }
}
