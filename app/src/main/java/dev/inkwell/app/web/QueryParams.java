package dev.inkwell.app.web;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.inkwell.query.CountMode;
import dev.inkwell.query.FindOptions;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.NumberText;
import dev.inkwell.query.PageRequest;
import dev.inkwell.query.Paging;
import dev.inkwell.query.ScrollRequest;
import dev.inkwell.query.Sort;
import dev.inkwell.query.WhereJson;
import dev.inkwell.query.WhereQueryString;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A list request: filters ({@code age[$gte]=25}), {@code order=-age,name}, {@code fields=id,name},
 * {@code size}, {@code count=exact|planned|none}, and either {@code page} (an OFFSET page) or
 * {@code after}/{@code before} (a keyset window: exactly one of {@link #page} and {@link #scroll} is
 * set). {@code include} and {@code required} are read by the endpoints that eager-load.
 */
public record QueryParams(FindOptions options, PageRequest page, ScrollRequest scroll) {

  static final Set<String> RESERVED = Set.of("order", "fields", "page", "size", "include", "required",
      "after", "before", "count");

  /** The keys a search body may hold besides Sequelize's findAll options. */
  private static final List<String> BODY_KEYS = List.of("after", "before", "count");

  public static QueryParams parse(Map<String, List<String>> params, Paging paging) {
    FindOptions options = new FindOptions(WhereQueryString.parse(params, RESERVED),
        WhereQueryString.fields(single(params, "fields")), Sort.parseList(single(params, "order")), null, null);
    return of(options, integer(params, "page"), integer(params, "size"), single(params, "after"),
        single(params, "before"), single(params, "count"), paging);
  }

  /**
   * A search body: Sequelize's findAll options, where {@code limit} is the page size and
   * {@code offset} a multiple of it; or, with {@code "after"}/{@code "before"}, a keyset window of
   * {@code limit} rows. {@code "count"} as in the query string.
   */
  public static QueryParams ofBody(JsonNode body, Paging paging) {
    String after = null;
    String before = null;
    String count = null;
    if (body instanceof ObjectNode object && BODY_KEYS.stream().anyMatch(object::has)) {
      ObjectNode options = object.deepCopy();
      after = text(options.remove("after"), "after");
      before = text(options.remove("before"), "before");
      count = text(options.remove("count"), "count");
      body = options;
    }
    FindOptions options = WhereJson.findOptions(body);
    if (after != null || before != null) {
      if (options.offset() != null) {
        throw new InvalidQueryException("offset", "offset cannot be combined with after or before");
      }
      return of(options, null, options.limit(), after, before, count, paging);
    }
    int size = paging.request(1, options.limit()).size();
    long offset = options.offset() == null ? 0 : options.offset();
    if (offset % size != 0) {
      throw new InvalidQueryException("offset", "offset must be a multiple of limit (" + size + "), was " + offset);
    }
    return of(options, (int) (offset / size) + 1, size, null, null, count, paging);
  }

  private static QueryParams of(FindOptions options, Integer page, Integer size, String after, String before,
      String count, Paging paging) {
    if (after == null && before == null) {
      return new QueryParams(options, paging.request(page, size, CountMode.parse(count, CountMode.EXACT)), null);
    }
    if (page != null) {
      throw new InvalidQueryException("page", "page cannot be combined with after or before");
    }
    return new QueryParams(options, null, paging.scroll(after, before, size, CountMode.parse(count, CountMode.NONE)));
  }

  public boolean keyset() {
    return scroll != null;
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

  private static String text(JsonNode node, String name) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isString()) {
      throw new InvalidQueryException(name, "'" + name + "' must be a string");
    }
    return node.stringValue();
  }

  private static Integer integer(Map<String, List<String>> params, String name) {
    String value = single(params, name);
    try {
      return value == null ? null : NumberText.wholeNumber(value);
    } catch (NumberFormatException e) {
      throw new InvalidQueryException(name, "'" + name + "' must be a whole number, got \"" + value + "\"");
    }
  }
}
