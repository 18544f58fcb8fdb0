package dev.inkwell.posts;

import dev.inkwell.query.Where;

/**
 * How a user read includes its posts, Sequelize's {@code include: [{model: Post, as: 'posts', ...}]}:
 * <ul>
 * <li>{@code where}: only the posts matching it are included;</li>
 * <li>{@code required}: true = INNER JOIN, a user is returned only when at least one post matches
 * (Sequelize's default once an include has a where); false = LEFT JOIN, the user always comes back,
 * with the matching posts only (possibly none);</li>
 * <li>{@code tags}: each post with its tags ({@code include=posts.tags}).</li>
 * </ul>
 */
public record UserPostsInclude(Where where, boolean required, boolean tags) {

  public UserPostsInclude {
    where = where == null ? Where.ALL : where;
  }

  /** {@code include: [{model: Post, as: 'posts'}]}: every post, users without posts too. */
  public static UserPostsInclude posts() {
    return new UserPostsInclude(Where.ALL, false, false);
  }

  public static UserPostsInclude postsWithTags() {
    return new UserPostsInclude(Where.ALL, false, true);
  }
}
