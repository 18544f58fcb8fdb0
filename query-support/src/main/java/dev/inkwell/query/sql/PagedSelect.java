package dev.inkwell.query.sql;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import com.github.pagehelper.PageHelper;

import dev.inkwell.query.Page;
import dev.inkwell.query.PageRequest;

/**
 * Runs one flat root select as a page with PageHelper (its count query plus LIMIT/OFFSET) and returns
 * the module's own {@link Page}, so PageHelper's type never leaves a facade. Only for selects without
 * nested collections: joined child rows would be counted as roots.
 */
public final class PagedSelect {

  private PagedSelect() {
  }

  /**
   * {@code select} must do nothing but call the mapper: compile filters before, so that nothing can
   * throw between PageHelper's start and the select it pages.
   */
  public static <R, T> Page<T> page(PageRequest request, Supplier<List<R>> select, Function<R, T> toApi) {
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
}
