package dev.inkwell.posts;

import dev.inkwell.query.sql.Association;
import dev.inkwell.query.sql.FieldSet;
import dev.inkwell.query.FieldType;

import static dev.inkwell.tags.TagFields.TAGS;
import static dev.inkwell.users.UserFields.USERS;

/** The fields of {@link Post} a filter, order or projection may name, read through the alias {@code p}. */
public final class PostFields {

  public static final FieldSet POSTS = FieldSet.builder("posts", "p")
      .field("id", FieldType.INTEGER)
      .field("title", FieldType.TEXT)
      .field("content", FieldType.TEXT)
      .field("published", FieldType.BOOLEAN)
      .field("authorId", FieldType.INTEGER)
      .field("createdAt", FieldType.TIMESTAMP)
      .field("updatedAt", FieldType.TIMESTAMP)
      .build();

  private PostFields() {
  }

  /**
   * The associations this module owns, declared on each side's fields so filters can cross them
   * ({@code {"posts": {"$some": {...}}}}): User hasMany Post as posts, Post belongsTo User as author,
   * Post belongsToMany Tag as tags and Tag belongsToMany Post as posts (through post_tags). Idempotent;
   * PostService declares them when it is created.
   */
  static void declareAssociations() {
    USERS.associate(Association.hasMany("posts", POSTS, "posts", "\"authorId\""));
    POSTS.associate(Association.belongsTo("author", USERS, "users", "\"authorId\""));
    POSTS.associate(Association.belongsToMany("tags", TAGS, "tags", "post_tags", "\"postId\"", "\"tagId\""));
    TAGS.associate(Association.belongsToMany("posts", POSTS, "posts", "post_tags", "\"tagId\"", "\"postId\""));
  }
}
