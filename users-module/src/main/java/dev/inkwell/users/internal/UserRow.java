package dev.inkwell.users.internal;

import java.time.OffsetDateTime;
import java.util.Map;

import dev.inkwell.users.NewUser;
import dev.inkwell.users.User;

/** One row of {@code users} as a write sends it (reads map straight to {@link User}). */
public class UserRow {

  private Integer id;
  private String email;
  private String name;
  private Integer age;
  private Boolean isActive;
  private String bio;
  private Map<String, Object> metadata;
  private String phone;
  private OffsetDateTime createdAt;
  private OffsetDateTime updatedAt;

  public UserRow() {
  }

  public static UserRow of(NewUser user) {
    UserRow row = new UserRow();
    row.email = user.email();
    row.name = user.name();
    row.age = user.age();
    row.isActive = user.isActive();
    row.bio = user.bio();
    row.metadata = user.metadata();
    row.phone = user.phone();
    return row;
  }

  public static UserRow of(User user) {
    UserRow row = of(new NewUser(user.email(), user.name(), user.age(), user.isActive(), user.bio(),
        user.metadata(), user.phone()));
    row.id = user.id();
    row.createdAt = user.createdAt();
    row.updatedAt = user.updatedAt();
    return row;
  }


  public Integer getId() {
    return id;
  }

  public void setId(Integer id) {
    this.id = id;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Integer getAge() {
    return age;
  }

  public void setAge(Integer age) {
    this.age = age;
  }

  public Boolean getIsActive() {
    return isActive;
  }

  public void setIsActive(Boolean isActive) {
    this.isActive = isActive;
  }

  public String getBio() {
    return bio;
  }

  public void setBio(String bio) {
    this.bio = bio;
  }

  public Map<String, Object> getMetadata() {
    return metadata;
  }

  public void setMetadata(Map<String, Object> metadata) {
    this.metadata = metadata;
  }

  public String getPhone() {
    return phone;
  }

  public void setPhone(String phone) {
    this.phone = phone;
  }

  public OffsetDateTime getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(OffsetDateTime createdAt) {
    this.createdAt = createdAt;
  }

  public OffsetDateTime getUpdatedAt() {
    return updatedAt;
  }

  public void setUpdatedAt(OffsetDateTime updatedAt) {
    this.updatedAt = updatedAt;
  }


}
