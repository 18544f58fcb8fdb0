package dev.inkwell.posts;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.inkwell.query.InvalidQueryException;

/** What a post read includes: {@code include=author,tags}. */
public record PostInclude(boolean author, boolean tags) {

  public static final PostInclude NONE = new PostInclude(false, false);
  public static final PostInclude ALL = new PostInclude(true, true);
  private static final List<String> PATHS = List.of("author", "tags");

  /** {@code "author,tags"}; an unknown path is refused naming the allowed ones. */
  public static PostInclude parse(String spec) {
    Set<String> paths = new LinkedHashSet<>();
    if (spec != null && !spec.isBlank()) {
      Arrays.stream(spec.split(",")).map(String::trim).forEach(paths::add);
    }
    for (String path : paths) {
      if (!PATHS.contains(path)) {
        throw new InvalidQueryException("include", "unknown include '" + path + "' for posts; allowed: author, tags");
      }
    }
    return new PostInclude(paths.contains("author"), paths.contains("tags"));
  }
}
