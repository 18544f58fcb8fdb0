package dev.inkwell.posts;

import dev.inkwell.query.Where;

/**
 * A search over posts: {@code query} text, ranked by {@code mode}; the {@code k} best that match
 * {@code where} (the post filter contract, author and tags included). {@code efSearch} trades speed
 * for recall of the vector side, for this search only. Null means: hybrid, k 10, no filter, the
 * server's ef_search.
 */
public record PostSearch(String query, SearchMode mode, Integer k, Where where, Integer efSearch) {

  public static PostSearch of(String query, SearchMode mode, int k) {
    return new PostSearch(query, mode, k, null, null);
  }

  public PostSearch where(Where filter) {
    return new PostSearch(query, mode, k, filter, efSearch);
  }

  public PostSearch efSearch(int ef) {
    return new PostSearch(query, mode, k, where, ef);
  }

  /** The mode, hybrid when none was given. */
  public SearchMode modeOrDefault() {
    return mode == null ? SearchMode.HYBRID : mode;
  }
}
