package dev.inkwell.users.internal;

import java.time.OffsetDateTime;
import java.util.Map;

import dev.inkwell.users.UpsertResult;
import dev.inkwell.users.User;

/**
 * An upsert's row: the user's columns, read through this constructor by the user result map it
 * extends (UserMapper.xml "upserted"), and whether the statement inserted it. One flat map: an
 * {@link UpsertResult} built by MyBatis around a nested user map costs a row key and a nested-map
 * look-up per call (docs/benchmarks.md).
 */
public final class UpsertedRow {

  private final User user;
  private Boolean inserted;

  public UpsertedRow(Integer id, String email, String name, Integer age, Boolean isActive, String bio,
      Map<String, Object> metadata, String phone, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    user = new User(id, email, name, age, isActive, bio, metadata, phone, createdAt, updatedAt);
  }

  public void setInserted(Boolean inserted) {
    this.inserted = inserted;
  }

  public UpsertResult toResult() {
    return new UpsertResult(user, inserted);
  }
}
