package dev.inkwell.app.web;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.springframework.http.ETag;

import dev.inkwell.query.Where;

/**
 * The entity tags a conditional write accepts ({@code If-Match}); {@link #any} for {@code *}. Weak tags
 * never match: If-Match compares strongly (RFC 9110 §13.1.1). The check itself is part of the write's
 * own statement ({@code WHERE id = ? AND "updatedAt" IN (...)}), never a read before it.
 */
public record IfMatch(boolean any, List<String> tags) {

  /** The parsed header, or null when there is none. */
  public static IfMatch parse(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    List<String> tags = new ArrayList<>();
    boolean any = false;
    for (ETag tag : ETag.parse(header)) {
      if (tag.isWildcard()) {
        any = true;
      } else if (!tag.weak()) {
        tags.add(tag.tag());
      }
    }
    return new IfMatch(any, List.copyOf(tags));
  }

  /** {@code where}, and when If-Match names versions, only rows whose {@code updatedAt} is one of them. */
  public static Where atVersion(Where where, IfMatch ifMatch) {
    if (ifMatch == null || ifMatch.any()) {
      return where;
    }
    return Where.and(where, Where.field("updatedAt").in(ifMatch.versions().toArray()));
  }

  /** The tags a write must match, or null when any version will do (no header, or {@code *}). */
  public static List<String> tagsOrAny(IfMatch ifMatch) {
    return ifMatch == null || ifMatch.any() ? null : ifMatch.tags();
  }

  /**
   * Why a write that should have changed one row changed none: {@code notFound} when the row is
   * missing (a precondition never turns a 404 into a 412, RFC 9110 §13.2.1), else a 412.
   */
  public static RuntimeException failure(IfMatch ifMatch, BooleanSupplier exists, String what,
      Supplier<? extends RuntimeException> notFound) {
    return ifMatch != null && exists.getAsBoolean() ? new PreconditionFailedException(what) : notFound.get();
  }

  /** The {@code updatedAt} values the tags name ({@link EntityTags#of(OffsetDateTime)}); other tags name none. */
  public List<OffsetDateTime> versions() {
    return tags.stream().map(EntityTags::version).filter(Objects::nonNull).toList();
  }
}
