package dev.inkwell.app.web;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.http.ETag;

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

  /** The {@code updatedAt} values the tags name ({@link EntityTags#of(OffsetDateTime)}); other tags name none. */
  public List<OffsetDateTime> versions() {
    return tags.stream().map(EntityTags::version).filter(Objects::nonNull).toList();
  }
}
