package dev.inkwell.users;

public class UserNotFoundException extends RuntimeException {

  private final int id;

  public UserNotFoundException(int id) {
    this(id, "no user with id " + id);
  }

  /** Not found for a reason of its own (a required include that matches nothing). */
  public UserNotFoundException(int id, String message) {
    super(message);
    this.id = id;
  }

  public int id() {
    return id;
  }
}
