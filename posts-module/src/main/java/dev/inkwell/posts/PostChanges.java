package dev.inkwell.posts;

import java.util.HashMap;
import java.util.Map;

import dev.inkwell.query.Changes;
import dev.inkwell.query.FieldType;

/** The values of {@code Post.update(values, {where})}; updatedAt is always moved by the database. */
public final class PostChanges extends Changes {

  private static final Map<String, FieldType> WRITABLE = Map.of(
      "title", FieldType.TEXT, "content", FieldType.TEXT, "published", FieldType.BOOLEAN, "authorId", FieldType.INTEGER);

  private PostChanges(Map<String, ?> changes) {
    super(WRITABLE, WRITABLE.keySet(), changes);
  }

  public static PostChanges of(Map<String, ?> changes) {
    return new PostChanges(changes);
  }

  public static PostChanges set(String name, Object value) {
    Map<String, Object> one = new HashMap<>();
    one.put(name, value);
    return of(one);
  }
}
