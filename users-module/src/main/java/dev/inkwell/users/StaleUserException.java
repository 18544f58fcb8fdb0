package dev.inkwell.users;

/** {@link UserService#save(User)} of a copy that someone else changed (or deleted) since it was read. */
public class StaleUserException extends RuntimeException {

  public StaleUserException(int id) {
    super("user " + id + " was changed or deleted since it was read; read it again and retry");
  }
}
