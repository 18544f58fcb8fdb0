package dev.inkwell.query;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One keyset page: {@code {"items": [...], "next": cursor|null, "prev": cursor|null}}, plus
 * {@code total} when a count was asked for ({@code "totalEstimated": true} when it is the planner's).
 * {@code next} is null on the last window, {@code prev} on the first.
 */
public record Window<T>(List<T> items, String next, String prev,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long total,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean totalEstimated) {

  public Window {
    items = List.copyOf(items);
  }

  public <R> Window<R> map(Function<? super T, ? extends R> mapper) {
    return new Window<>(items.stream().<R>map(mapper).toList(), next, prev, total, totalEstimated);
  }
}
