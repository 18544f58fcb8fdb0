package dev.inkwell.query.sql;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A search's three statements in its mapper XML, for {@link PagedSelect}: the select
 * ({@code selectByQuery}), its {@code _COUNT} and its {@code _PLAN} ({@code EXPLAIN (FORMAT JSON)} of
 * the same FROM and WHERE: the planner's row estimate).
 */
public record ListStatements<R>(Function<SqlQuery, List<R>> select, ToLongFunction<SqlQuery> count,
    Function<SqlQuery, String> plan) {
}
