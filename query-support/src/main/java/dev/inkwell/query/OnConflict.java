package dev.inkwell.query;

import java.util.Locale;

/**
 * What a bulk upsert does with a row whose key exists: {@code merge} updates the fields the row gives
 * (Sequelize's {@code updateOnDuplicate}), {@code ignore} leaves the stored row as it is.
 */
public enum OnConflict {
  MERGE, IGNORE;

  /** The mode a request names, or null when it names none (a plain insert). */
  public static OnConflict parse(String text) {
    if (text == null) {
      return null;
    }
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidQueryException("onConflict", "onConflict must be merge or ignore, was \"" + text + "\"");
    }
  }
}
