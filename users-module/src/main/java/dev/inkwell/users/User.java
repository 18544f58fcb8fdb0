package dev.inkwell.users;

import java.time.OffsetDateTime;
import java.util.Map;

/** A user as stored, with the guide's attribute names. */
public record User(
    Integer id,
    String email,
    String name,
    Integer age,
    Boolean isActive,
    String bio,
    Map<String, Object> metadata,
    String phone,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  /** A copy with other values, for {@link UserService#save(User)} (the guide's instance update). */
  public User withAge(Integer newAge) {
    return new User(id, email, name, newAge, isActive, bio, metadata, phone, createdAt, updatedAt);
  }

  public User withName(String newName) {
    return new User(id, email, newName, age, isActive, bio, metadata, phone, createdAt, updatedAt);
  }

  public User withBio(String newBio) {
    return new User(id, email, name, age, isActive, newBio, metadata, phone, createdAt, updatedAt);
  }
}
