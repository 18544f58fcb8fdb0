package dev.inkwell.query;

import java.util.List;
import java.util.function.Function;

/**
 * One page of results: {@code {"items": [...], "total": N, "page": P, "size": S, "pages": K, "hasNext": b}}.
 * A page past the end has no items and the real total.
 */
public record Page<T>(List<T> items, long total, int page, int size, int pages, boolean hasNext) {

  public Page {
    items = List.copyOf(items);
  }

  public static <T> Page<T> of(List<T> items, long total, PageRequest request) {
    int pages = (int) ((total + request.size() - 1) / request.size());
    return new Page<>(items, total, request.page(), request.size(), pages, request.page() < pages);
  }

  public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
    return new Page<>(items.stream().<R>map(mapper).toList(), total, page, size, pages, hasNext);
  }
}
