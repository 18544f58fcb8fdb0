package dev.inkwell.app.users;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.inkwell.posts.PostsInclude;
import dev.inkwell.posts.UserPostsService;
import dev.inkwell.posts.UserWithPosts;
import dev.inkwell.query.FindOptions;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.Page;
import dev.inkwell.query.PageRequest;
import dev.inkwell.query.Where;
import dev.inkwell.query.Stats;
import dev.inkwell.users.NewUser;
import dev.inkwell.users.UpsertResult;
import dev.inkwell.users.User;
import dev.inkwell.users.UserChanges;
import dev.inkwell.users.UserNotFoundException;
import dev.inkwell.users.UserService;

/** One transaction per REST call on users; reads run read-only. */
@Service
public class UserUseCases {

  private final UserService users;
  private final UserPostsService userPosts;

  public UserUseCases(UserService users, UserPostsService userPosts) {
    this.users = users;
    this.userPosts = userPosts;
  }

  @Transactional
  public User create(NewUser user) {
    return users.create(user);
  }

  @Transactional
  public List<User> bulkCreate(List<NewUser> batch) {
    return users.bulkCreate(batch);
  }

  @Transactional(readOnly = true)
  public User get(int id) {
    return users.get(id);
  }

  @Transactional(readOnly = true)
  public Page<User> page(FindOptions options, PageRequest page) {
    return users.findPage(options, page);
  }

  /** A user with the posts the include selects; 404 when the user is missing or a required include matches nothing. */
  @Transactional(readOnly = true)
  public UserWithPosts getWithPosts(int id, PostsInclude include) {
    return userPosts.findUserWithPosts(id, include).orElseThrow(() -> users.findByPk(id).isEmpty()
        ? new UserNotFoundException(id)
        : new InvalidQueryException("posts", "user " + id + " has no posts matching the required include"));
  }

  @Transactional(readOnly = true)
  public Page<UserWithPosts> pageWithPosts(FindOptions options, PostsInclude include, PageRequest page) {
    return userPosts.findUsersWithPosts(options, include, page);
  }

  @Transactional(readOnly = true)
  public Stats stats(Where where) {
    return users.stats("age", where);
  }

  /** PATCH: the changed user, or 404 when there is none with that id. */
  @Transactional
  public User update(int id, Map<String, Object> changes) {
    if (users.update(UserChanges.of(changes), Where.field("id").eq(id)) == 0) {
      throw new UserNotFoundException(id);
    }
    return users.get(id);
  }

  @Transactional
  public UpsertResult upsert(NewUser user) {
    return users.upsert(user);
  }

  @Transactional
  public void delete(int id) {
    if (users.destroy(Where.field("id").eq(id)) == 0) {
      throw new UserNotFoundException(id);
    }
  }

  @Transactional
  public int destroy(Where where) {
    return users.destroy(where);
  }
}
