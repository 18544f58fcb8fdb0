package dev.inkwell.query.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import com.github.pagehelper.PageHelper;

import dev.inkwell.query.CountMode;
import dev.inkwell.query.FindOptions;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.Page;
import dev.inkwell.query.PageRequest;
import dev.inkwell.query.ScrollRequest;
import dev.inkwell.query.Window;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one flat root search as an OFFSET page or a keyset window and returns the module's own
 * {@link Page}/{@link Window}, so PageHelper's type never leaves a facade. Only for selects without
 * nested collections: joined child rows would be counted as roots.
 */
public final class PagedSelect {

  private PagedSelect() {
  }

  /**
   * An OFFSET page. {@code count=exact}: PageHelper runs the search's {@code _COUNT} and the page;
   * {@code planned}: the page (one row more, for {@code hasNext}) and the {@code _PLAN} estimate;
   * {@code none}: only the page.
   */
  public static <R, T> Page<T> page(PageRequest request, SqlQuery query, ListStatements<R> statements, Function<R, T> toApi) {
    if (request.count() == CountMode.EXACT) {
      return page(request, () -> statements.select().apply(query), toApi);
    }
    SqlQuery oneMore = new SqlQuery(query.where(), query.columns(), query.order(), request.size() + 1, request.offset());
    List<R> rows = statements.select().apply(oneMore);
    boolean hasNext = rows.size() > request.size();
    Long estimate = request.count() == CountMode.PLANNED ? planned(statements, query.where()) : null;
    return Page.of(rows.stream().limit(request.size()).map(toApi).toList(), estimate, hasNext, request);
  }

  /**
   * {@code select} must do nothing but call the mapper: compile filters before, so that nothing can
   * throw between PageHelper's start and the select it pages.
   */
  public static <R, T> Page<T> page(PageRequest request, java.util.function.Supplier<List<R>> select, Function<R, T> toApi) {
    try {
      // The lambda form: paging applies to exactly the select inside it.
      com.github.pagehelper.Page<R> rows = PageHelper.startPage(request.page(), request.size())
          .doSelectPage(select::get);
      return Page.of(rows.getResult().stream().map(toApi).toList(), rows.getTotal(), request);
    } finally {
      // PageHelper keeps the page in a thread-local until a select consumes it; if the select never
      // ran, the next statement on this (pooled) thread would be paged instead.
      PageHelper.clearPage();
    }
  }

  /**
   * A keyset window of {@code options} over an entity's own search ({@link FieldSet#keysetQuery}): the
   * cursor is bound to the entity, its order and its filter.
   */
  public static <R, T> Window<T> window(ScrollRequest request, FieldSet fields, FindOptions options,
      ListStatements<R> statements, Function<R, T> toApi) {
    SqlQuery query = fields.keysetQuery(options);
    return window(request, query, Keyset.context(fields.entity(), query, ""), statements, row -> row, toApi);
  }

  /**
   * Every row {@code options} selects, in its order, handed to {@code sink} in keyset chunks of
   * {@code chunk} rows, each chunk one short statement (no statement or idle gap grows with the row
   * count, and memory holds one chunk); {@code afterId} resumes after that id (for an order by id
   * alone). The filter is compiled first: a bad one throws before anything reaches the sink.
   */
  public static <R, T> void export(FieldSet fields, FindOptions options, Integer afterId, int chunk,
      ListStatements<R> statements, Function<R, T> toApi, Consumer<List<T>> sink) {
    SqlQuery query = fields.keysetQuery(options);
    String context = Keyset.context(fields.entity(), query, "");
    String cursor = afterId == null ? "" : Keyset.afterId(context, query.order(), afterId);
    while (cursor != null) {
      Window<T> rows = window(new ScrollRequest(cursor, null, chunk, CountMode.NONE), query, context, statements, row -> row, toApi);
      if (!rows.items().isEmpty()) {
        sink.accept(rows.items());
      }
      cursor = rows.next();
    }
  }

  /**
   * A keyset window of {@code query} (its order ends in the id, see {@link FieldSet#order}): one
   * select of {@code size + 1} rows after (or before) the cursor, plus the count asked for, which
   * ignores the cursor. {@code context} is {@link Keyset#context}: a cursor only works with the list
   * it came from. {@code keyOf} gives the row whose fields the order names.
   */
  public static <R, T> Window<T> window(ScrollRequest request, SqlQuery query, String context,
      ListStatements<R> statements, Function<R, ?> keyOf, Function<R, T> toApi) {
    if (query.order().stream().anyMatch(SqlSort::derived)) {
      throw new InvalidQueryException(request.cursorName(), "a keyset cursor needs an order on the list's own columns;"
          + " an order by a JSON path or an association's field pages with page=");
    }
    List<SqlSort> order = request.backwards() ? Keyset.reverse(query.order()) : query.order();
    SqlWhere where = query.where();
    if (request.cursor() != null) {
      List<Object> position = Keyset.decode(request.cursorName(), request.cursor(), context, query.order());
      where = where.and(Keyset.seek(order, position));
    }
    List<R> rows = statements.select().apply(new SqlQuery(where, query.columns(), order, request.size() + 1, null));
    boolean more = rows.size() > request.size();
    rows = new ArrayList<>(rows.subList(0, Math.min(rows.size(), request.size())));
    if (request.backwards()) {
      Collections.reverse(rows);
    }
    String next = null;
    String prev = null;
    if (!rows.isEmpty()) {
      Object first = keyOf.apply(rows.get(0));
      Object last = keyOf.apply(rows.get(rows.size() - 1));
      // Forwards, rows before this window exist when it started at a cursor; backwards, rows after it.
      boolean before = request.backwards() ? more : request.cursor() != null;
      boolean after = request.backwards() ? request.cursor() != null : more;
      prev = before ? Keyset.cursor(context, query.order(), first) : null;
      next = after ? Keyset.cursor(context, query.order(), last) : null;
    }
    Long total = switch (request.count()) {
      case EXACT -> statements.count().applyAsLong(SqlQuery.of(query.where()));
      case PLANNED -> planned(statements, query.where());
      case NONE -> null;
    };
    return new Window<>(rows.stream().map(toApi).toList(), next, prev, total,
        request.count() == CountMode.PLANNED ? Boolean.TRUE : null);
  }

  /** The planner's estimate of the rows {@code where} selects: "Plan Rows" of the top node. */
  private static <R> long planned(ListStatements<R> statements, SqlWhere where) {
    JsonNode plan = JsonMapper.shared().readTree(statements.plan().apply(SqlQuery.of(where)));
    return plan.get(0).get("Plan").get("Plan Rows").asLong();
  }
}
