package dev.inkwell.app.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import dev.inkwell.posts.Post;
import dev.inkwell.posts.UserWithPosts;

/**
 * Strong entity tags ({@code ETag}). A row with {@code updatedAt} is tagged with it, in microseconds
 * (PostgreSQL's precision) base 36: every write moves updatedAt, so every change gives a new tag, and
 * a conditional write turns the tag back into the value its statement compares. A tag (the entity) is
 * tagged with its version ({@code TagService.version}), a representation that joins several rows (a
 * user with its posts) with an MD5 of its content.
 */
public final class EntityTags {

  private EntityTags() {
  }

  public static String of(OffsetDateTime updatedAt) {
    return "\"" + Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, updatedAt.toInstant()), 36) + "\"";
  }

  /** The updatedAt a tag of {@link #of(OffsetDateTime)} names, or null for a tag of another form. */
  static OffsetDateTime version(String tag) {
    try {
      return Instant.EPOCH.plus(Long.parseLong(tag, 36), ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
      return null;
    }
  }

  /**
   * A tag for a user with its posts: the MD5 of the versions of every row it shows (the user's and each
   * post's id and updatedAt, each tag's id and name), so any change to them, a post or tag link added
   * or removed included, gives a new tag, without serialising the body twice.
   */
  public static String of(UserWithPosts graph) {
    StringBuilder versions = new StringBuilder().append(graph.user().id()).append('@').append(of(graph.user().updatedAt()));
    for (Post post : graph.posts()) {
      versions.append(';').append(post.id()).append('@').append(of(post.updatedAt()));
      if (post.tags() != null) {
        post.tags().forEach(tag -> versions.append(',').append(tag.id()).append(':').append(tag.name()));
      }
    }
    return ofContent(versions.toString());
  }

  /** A tag for content: the hex MD5 of {@code text}'s UTF-8 bytes. */
  public static String ofContent(String text) {
    return quoted(md5(text));
  }

  /** An opaque version string as an entity tag. */
  public static String quoted(String version) {
    return "\"" + version + "\"";
  }

  private static String md5(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
