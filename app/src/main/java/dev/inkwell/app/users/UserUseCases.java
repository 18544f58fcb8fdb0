package dev.inkwell.app.users;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import dev.inkwell.app.transactions.ReadOnly;
import dev.inkwell.app.transactions.Unit;
import dev.inkwell.app.transactions.UnitOfWork;
import dev.inkwell.posts.NewPost;
import dev.inkwell.posts.Post;
import dev.inkwell.posts.PostService;
import dev.inkwell.posts.UserPostsInclude;
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

/**
 * One transaction per REST call on users that writes more than one statement. Reads and one-statement writes run without one: a
 * statement is atomic on its own, and at the server's default isolation (READ COMMITTED) each statement
 * takes its own snapshot inside a transaction too, so a transaction would only cost a COMMIT round trip.
 */
@Service
public class UserUseCases {

  private final UserService users;
  private final PostService posts;
  private final UnitOfWork unitOfWork;

  public UserUseCases(UserService users, PostService posts, UnitOfWork unitOfWork) {
    this.users = users;
    this.posts = posts;
    this.unitOfWork = unitOfWork;
  }

  public User create(NewUser user) {
    return users.create(user);
  }

  @Transactional
  public List<User> bulkCreate(List<NewUser> batch) {
    return users.bulkCreate(batch);
  }

  @ReadOnly
  public User get(int id) {
    return users.get(id);
  }

  @ReadOnly
  public Page<User> page(FindOptions options, PageRequest page) {
    return users.findPage(options, page);
  }

  /** A user with the posts the include selects; 404 when the user is missing or a required include matches nothing. */
  @ReadOnly
  public UserWithPosts getWithPosts(int id, UserPostsInclude include) {
    return posts.findUserWithPosts(id, include).orElseThrow(() -> users.findByPk(id).isEmpty()
        ? new UserNotFoundException(id)
        : new InvalidQueryException("posts", "user " + id + " has no posts matching the required include"));
  }

  @ReadOnly
  public Page<UserWithPosts> pageWithPosts(FindOptions options, UserPostsInclude include, PageRequest page) {
    return posts.findUsersWithPosts(options, include, page);
  }

  @ReadOnly
  public Stats stats(Where where) {
    return users.stats("age", where);
  }

  /**
   * The guide's managed transaction: a user and its first post, both or neither. Any exception (the
   * post's insert failing included) rolls the user back too.
   */
  @Transactional
  public UserWithPosts createWithPost(NewUser user, PostDraft post) {
    User created = users.create(user);
    Post first = posts.create(new NewPost(post.title(), post.content(), post.published(), created.id()));
    return new UserWithPosts(created, List.of(first));
  }

  /** A post written together with its author, who does not exist yet. */
  public record PostDraft(@NotBlank @Size(max = 500) String title, @NotNull String content, Boolean published) {
  }

  /**
   * One year older. SERIALIZABLE and retryable: a serialization failure or deadlock reruns it (it is
   * safe to: it only increments), so concurrent birthdays never fail the request.
   */
  public User birthday(int id) {
    return unitOfWork.run(Unit.readWrite().withIsolation(Isolation.SERIALIZABLE).retryable(3), () -> users.incrementAge(id));
  }

  /**
   * PATCH: the changed user, or 404 when there is none with that id. REPEATABLE READ and not retried:
   * a concurrent update of the same user committed while this one waited is a 409, not a silent
   * last-writer-wins.
   */
  @Transactional(isolation = Isolation.REPEATABLE_READ)
  public User update(int id, Map<String, Object> changes) {
    if (users.update(UserChanges.of(changes), Where.field("id").eq(id)) == 0) {
      throw new UserNotFoundException(id);
    }
    return users.get(id);
  }

  /**
   * One statement, no transaction. It must not hold a connection while the first upsert checks the
   * created flag on a connection of its own: with every pooled connection held by upserts waiting
   * for that check, the check would time out and report the flag as unknown for good.
   */
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
