package dev.inkwell.users;

import java.util.Map;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What create, bulkCreate and upsert take. A null age, isActive, bio, metadata or phone means "not
 * given": the database default applies on insert, and upsert leaves the stored value alone.
 */
public record NewUser(
    @NotBlank @Email @Size(max = 255) String email,
    @NotBlank @Size(max = 100) String name,
    Integer age,
    Boolean isActive,
    String bio,
    Map<String, Object> metadata,
    String phone) {

  public static NewUser of(String email, String name, Integer age) {
    return new NewUser(email, name, age, null, null, null, null);
  }

  public NewUser withMetadata(Map<String, Object> newMetadata) {
    return new NewUser(email, name, age, isActive, bio, newMetadata, phone);
  }
}
