package dev.inkwell.app.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

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
