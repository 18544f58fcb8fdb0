package dev.inkwell.posts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

import dev.inkwell.posts.internal.OwnerWithPostsRow;
import dev.inkwell.posts.internal.PostRow;
import dev.inkwell.posts.internal.UserPostsMapper;
import dev.inkwell.query.FindOptions;
import dev.inkwell.query.Page;
import dev.inkwell.query.PageRequest;
import dev.inkwell.query.sql.PagedSelect;
import dev.inkwell.query.sql.SqlQuery;
import dev.inkwell.query.sql.SqlWhere;
import dev.inkwell.users.User;

import static dev.inkwell.posts.PostFields.POSTS;
import static dev.inkwell.users.UserFields.USERS;

/**
 * User hasMany Post as {@code posts}: reads that start at users and include their posts (and the
 * posts' tags), Sequelize's {@code User.findByPk(id, {include})} and {@code User.findAll({include})}.
 * They live here, not in users-module, because users cannot depend on posts.
 *
 * <p>Statement counts are fixed: one user with its graph is one statement; a page of users is three
 * (PageHelper's count, the page's users, then all of their posts with tags in one more), however many
 * users, posts and tags. Posts come by id, their tags by id.
 */
@Service
public class UserPostsService {

  private final UserPostsMapper mapper;

  public UserPostsService(UserPostsMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * The user with the posts {@code include} selects; empty when there is no such user, or when the
   * include is required and none of the user's posts matches.
   */
  public Optional<UserWithPosts> findUserWithPosts(int userId, PostsInclude include) {
    OwnerWithPostsRow<User> row = mapper.selectUserWithPosts(userId, POSTS.where(include.where()), include.required(),
        include.tags());
    return Optional.ofNullable(row).map(r -> new UserWithPosts(r.getOwner(),
        r.postsOrEmpty().stream().map(p -> p.toPost(include.tags())).toList()));
  }

  /**
   * A page of users (filtered, ordered by {@code options}) with their posts. The page counts users, not
   * joined rows: a page of size 20 holds 20 users, whatever their posts. With a required include only
   * users with at least one matching post are listed.
   */
  public Page<UserWithPosts> findUsersWithPosts(FindOptions options, PostsInclude include, PageRequest page) {
    SqlQuery users = USERS.query(options.limit(null, null));
    SqlWhere posts = POSTS.where(include.where());
    Page<User> roots = PagedSelect.page(page, () -> mapper.selectUsersByQuery(users, posts, include.required()), u -> u);
    Map<Integer, List<Post>> byUser = new LinkedHashMap<>();
    if (!roots.items().isEmpty()) {
      List<Integer> ids = roots.items().stream().map(User::id).toList();
      for (PostRow post : mapper.selectPostsOfUsers(ids, posts, include.tags())) {
        byUser.computeIfAbsent(post.getAuthorId(), k -> new ArrayList<>()).add(post.toPost(include.tags()));
      }
    }
    return roots.map(user -> new UserWithPosts(user, byUser.getOrDefault(user.id(), List.of())));
  }
}
