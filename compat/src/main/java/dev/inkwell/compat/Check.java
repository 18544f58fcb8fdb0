package dev.inkwell.compat;

/**
 * One named compatibility check. {@code rolledBack} checks run inside a transaction that is rolled
 * back afterwards (their rows never outlive them); the others manage their own transactions and
 * clean up after themselves.
 */
public record Check(String category, String name, boolean rolledBack, Body body) {

  @FunctionalInterface
  public interface Body {
    Outcome run(CompatContext ctx) throws Exception;
  }

  public String id() {
    return category + " / " + name;
  }
}
