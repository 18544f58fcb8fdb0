package dev.inkwell.users;

public class UserNotFoundException extends RuntimeException {

  private final int id;

  public UserNotFoundException(int id) {
    super("no user with id " + id);
    this.id = id;
  }

  public int id() {
    return id;
  }
}
