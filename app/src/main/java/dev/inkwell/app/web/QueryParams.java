package dev.inkwell.app.web;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.inkwell.query.FindOptions;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.PageRequest;
import dev.inkwell.query.Paging;
import dev.inkwell.query.Sort;
import dev.inkwell.query.WhereQueryString;

/**
 * A list request's query string: filters ({@code age[$gte]=25}), {@code order=-age,name},
 * {@code fields=id,name}, {@code page}, {@code size}. {@code include} and {@code required} are read
 * by the endpoints that eager-load.
 */
public record QueryParams(FindOptions options, PageRequest page) {

  static final Set<String> RESERVED = Set.of("order", "fields", "page", "size", "include", "required");

  public static QueryParams parse(Map<String, List<String>> params, Paging paging) {
    FindOptions options = new FindOptions(WhereQueryString.parse(params, RESERVED),
        WhereQueryString.fields(single(params, "fields")), Sort.parseList(single(params, "order")), null, null);
    return new QueryParams(options, paging.request(integer(params, "page"), integer(params, "size")));
  }

  /**
   * The page a search body's {@code limit}/{@code offset} name: size = limit (default and cap as
   * configured), page = offset / size + 1; an offset that is not a multiple of the size is refused.
   */
  public static PageRequest pageOf(FindOptions options, Paging paging) {
    int size = paging.request(1, options.limit()).size();
    long offset = options.offset() == null ? 0 : options.offset();
    if (offset % size != 0) {
      throw new InvalidQueryException("offset", "offset must be a multiple of limit (" + size + "), was " + offset);
    }
    return paging.request((int) (offset / size) + 1, size);
  }

  public static String single(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw new InvalidQueryException(name, "'" + name + "' may be given once");
    }
    return values.get(0);
  }

  private static Integer integer(Map<String, List<String>> params, String name) {
    String value = single(params, name);
    try {
      return value == null ? null : Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      throw new InvalidQueryException(name, "'" + name + "' must be a whole number, got \"" + value + "\"");
    }
  }
}
