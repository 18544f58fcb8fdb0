package dev.inkwell.query;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of results: {@code {"items": [...], "total": N, "page": P, "size": S, "pages": K, "hasNext": b}}.
 * A page past the end has no items and the real total. With {@code count=planned} the total is the
 * planner's estimate ({@code "totalEstimated": true}); with {@code count=none} there is no
 * {@code total} and no {@code pages}, and {@code hasNext} comes from reading one row more.
 */
public record Page<T>(List<T> items,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long total, int page, int size,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer pages, boolean hasNext,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean totalEstimated) {

  public Page {
    items = List.copyOf(items);
  }

  /** A page with its exact total. */
  public static <T> Page<T> of(List<T> items, long total, PageRequest request) {
    int pages = (int) ((total + request.size() - 1) / request.size());
    return new Page<>(items, total, request.page(), request.size(), pages, request.page() < pages, null);
  }

  /** A page whose total is an estimate (may be null: not counted); {@code hasNext} is known from the rows read. */
  public static <T> Page<T> of(List<T> items, Long estimate, boolean hasNext, PageRequest request) {
    Integer pages = estimate == null ? null : (int) ((estimate + request.size() - 1) / request.size());
    return new Page<>(items, estimate, request.page(), request.size(), pages, hasNext, estimate == null ? null : Boolean.TRUE);
  }

  public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
    return new Page<>(items.stream().<R>map(mapper).toList(), total, page, size, pages, hasNext, totalEstimated);
  }
}
