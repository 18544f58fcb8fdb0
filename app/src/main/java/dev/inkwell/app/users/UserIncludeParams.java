package dev.inkwell.app.users;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.inkwell.app.web.QueryParams;
import dev.inkwell.posts.UserPostsInclude;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.Where;
import dev.inkwell.query.WhereQueryString;

/**
 * A user request's include: {@code include=posts} or {@code include=posts.tags}, filters on the posts
 * written {@code posts.published=true} / {@code posts.title[$iLike]=...}, and {@code required}.
 * Like Sequelize, an include with a filter is required unless {@code required=false} says otherwise.
 * {@code posts} is null when nothing is included; {@code userParams} are the remaining parameters.
 */
record UserIncludeParams(UserPostsInclude posts, Map<String, List<String>> userParams) {

  private static final String PREFIX = "posts.";

  static UserIncludeParams parse(Map<String, List<String>> params) {
    Map<String, List<String>> userParams = new LinkedHashMap<>();
    Map<String, List<String>> postParams = new LinkedHashMap<>();
    params.forEach((key, values) -> {
      if (key.startsWith(PREFIX)) {
        postParams.put(key.substring(PREFIX.length()), values);
      } else {
        userParams.put(key, values);
      }
    });
    String include = QueryParams.single(params, "include");
    String required = QueryParams.single(params, "required");
    if (include == null) {
      if (!postParams.isEmpty() || required != null) {
        throw new InvalidQueryException("include", "posts.* filters and required need include=posts");
      }
      return new UserIncludeParams(null, userParams);
    }
    boolean tags = false;
    for (String path : Arrays.stream(include.split(",")).map(String::trim).toList()) {
      switch (path) {
        case "posts" -> { }
        case "posts.tags" -> tags = true;
        default -> throw new InvalidQueryException("include", "unknown include '" + path + "' for users; allowed: posts, posts.tags");
      }
    }
    Where where = WhereQueryString.parse(postParams, Set.of());
    boolean isRequired = switch (required == null ? "" : required) {
      case "" -> !where.isEmpty();
      case "true" -> true;
      case "false" -> false;
      default -> throw new InvalidQueryException("required", "required takes true or false, got \"" + required + "\"");
    };
    return new UserIncludeParams(new UserPostsInclude(where, isRequired, tags), userParams);
  }
}
