package dev.inkwell.app.database;

/** The start-up connection check failed; the message names the target and the cause, never the password. */
public class DatabaseUnreachableException extends RuntimeException {

  public DatabaseUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
