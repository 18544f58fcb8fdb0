package dev.inkwell.query;

/** Literal text inside a LIKE pattern (statements use {@code ESCAPE '\'}). */
public final class Like {

  private Like() {
  }

  /** {@code 50%_off} becomes {@code 50\%\_off}: matches those characters and nothing else. */
  public static String escape(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
