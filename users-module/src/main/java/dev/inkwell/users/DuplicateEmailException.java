package dev.inkwell.users;

/** Another user already has this email (the unique constraint of {@code users.email}). */
public class DuplicateEmailException extends RuntimeException {

  private final String email;

  public DuplicateEmailException(String email, Throwable cause) {
    super(email == null ? "a user with this email already exists" : "a user with email '" + email + "' already exists", cause);
    this.email = email;
  }

  public String email() {
    return email;
  }
}
