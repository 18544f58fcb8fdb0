package dev.inkwell.compat;

/** What one check found: passed (perhaps with a note on an engine difference), skipped, or failed. */
public record Outcome(Status status, String detail) {

  public enum Status { PASS, NOTE, SKIP, FAIL }

  public static Outcome pass() {
    return new Outcome(Status.PASS, null);
  }

  /** Inkwell behaved correctly, but the engine differs from PostgreSQL in a way worth knowing. */
  public static Outcome note(String note) {
    return new Outcome(Status.NOTE, note);
  }

  /** The feature is absent on this engine; the check could not run. */
  public static Outcome skip(String reason) {
    return new Outcome(Status.SKIP, reason);
  }

  public static Outcome fail(String message) {
    return new Outcome(Status.FAIL, message);
  }
}
