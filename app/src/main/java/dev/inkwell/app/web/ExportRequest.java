package dev.inkwell.app.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.NumberText;
import dev.inkwell.query.Paging;

/**
 * An export's own parameters: {@code format=ndjson|csv} (default ndjson), {@code snapshot=true} (every
 * chunk in one REPEATABLE READ read-only transaction), {@code after=<id>} (resume after the last id
 * written; the order must be by id alone). The rest is a list's filter, order and fields.
 */
public record ExportRequest(Format format, boolean snapshot, Integer afterId, QueryParams query) {

  public enum Format {
    NDJSON("application/x-ndjson", "ndjson"), CSV("text/csv", "csv");

    final String mediaType;
    final String extension;

    Format(String mediaType, String extension) {
      this.mediaType = mediaType;
      this.extension = extension;
    }
  }

  /** Paging does not apply to an export: it reads every row. */
  private static final Set<String> NOT_FOR_EXPORTS = Set.of("page", "size", "before", "count", "include", "required");

  public static ExportRequest parse(Map<String, List<String>> params, Paging paging) {
    Map<String, List<String>> rest = new LinkedHashMap<>(params);
    String format = QueryParams.single(rest, "format");
    String snapshot = QueryParams.single(rest, "snapshot");
    String after = QueryParams.single(rest, "after");
    rest.remove("format");
    rest.remove("snapshot");
    rest.remove("after");
    for (String name : NOT_FOR_EXPORTS) {
      if (rest.containsKey(name)) {
        throw new InvalidQueryException(name, "'" + name + "' does not apply to an export, which streams every matching row");
      }
    }
    Format parsed;
    try {
      parsed = format == null ? Format.NDJSON : Format.valueOf(format.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidQueryException("format", "format must be ndjson or csv, was \"" + format + "\"");
    }
    if (snapshot != null && !snapshot.equals("true") && !snapshot.equals("false")) {
      throw new InvalidQueryException("snapshot", "snapshot takes true or false, got \"" + snapshot + "\"");
    }
    Integer afterId;
    try {
      afterId = after == null ? null : NumberText.wholeNumber(after);
    } catch (NumberFormatException e) {
      throw new InvalidQueryException("after", "an export resumes after an id: a whole number, got \"" + after + "\"");
    }
    return new ExportRequest(parsed, "true".equals(snapshot), afterId, QueryParams.parse(rest, paging));
  }
}
