package dev.inkwell.app.users;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import dev.inkwell.app.transactions.ReadOnly;
import dev.inkwell.app.transactions.Unit;
import dev.inkwell.app.transactions.UnitOfWork;
import dev.inkwell.app.web.IfMatch;
import dev.inkwell.app.web.PreconditionFailedException;
import dev.inkwell.posts.NewPost;
import dev.inkwell.posts.Post;
import dev.inkwell.posts.PostService;
import dev.inkwell.posts.UserPostsInclude;
import dev.inkwell.posts.UserWithPosts;
import dev.inkwell.query.Aggregation;
import dev.inkwell.query.BulkUpsert;
import dev.inkwell.query.FindOptions;
import dev.inkwell.query.OnConflict;
import dev.inkwell.query.Page;
import dev.inkwell.query.PageRequest;
import dev.inkwell.query.ScrollRequest;
import dev.inkwell.query.Stats;
import dev.inkwell.query.Where;
import dev.inkwell.query.Window;
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

  /**
   * Bulk upsert by email in one transaction; retried on a deadlock or serialization failure (rows are
   * locked in email order, but two calls of different shapes can still cross), which is safe: it is an upsert.
   */
  public BulkUpsert bulkUpsert(List<NewUser> batch, OnConflict onConflict) {
    return unitOfWork.run(Unit.readWrite().retryable(3), () -> users.bulkUpsert(batch, onConflict));
  }

  @ReadOnly
  public User get(int id) {
    return users.get(id);
  }

  @ReadOnly
  public Page<User> page(FindOptions options, PageRequest page) {
    return users.findPage(options, page);
  }

  @ReadOnly
  public Window<User> window(FindOptions options, ScrollRequest scroll) {
    return users.findWindow(options, scroll);
  }

  @ReadOnly
  public Window<UserWithPosts> windowWithPosts(FindOptions options, UserPostsInclude include, ScrollRequest scroll) {
    return posts.findUsersWithPostsWindow(options, include, scroll);
  }

  /**
   * Every user the options select, chunk by chunk (each chunk one statement, no transaction); with
   * {@code snapshot} every chunk in one REPEATABLE READ read-only transaction, so the export is one
   * consistent snapshot (it then holds a connection and a snapshot for the whole export).
   */
  @ReadOnly
  public void export(FindOptions options, boolean snapshot, Integer afterId, int chunk, Consumer<List<User>> sink) {
    if (snapshot) {
      unitOfWork.run(Unit.readOnlyUnit().withIsolation(Isolation.REPEATABLE_READ), () -> users.export(options, afterId, chunk, sink));
    } else {
      users.export(options, afterId, chunk, sink);
    }
  }

  /** A user with the posts the include selects; 404 when the user is missing or a required include matches nothing. */
  @ReadOnly
  public UserWithPosts getWithPosts(int id, UserPostsInclude include) {
    return posts.findUserWithPosts(id, include).orElseThrow(() -> users.findByPk(id).isEmpty()
        ? new UserNotFoundException(id)
        : new UserNotFoundException(id, "user " + id + " has no posts matching the required include"));
  }

  @ReadOnly
  public Page<UserWithPosts> pageWithPosts(FindOptions options, UserPostsInclude include, PageRequest page) {
    return posts.findUsersWithPosts(options, include, page);
  }

  /** An aggregation over users: one statement. */
  @ReadOnly
  public List<Map<String, Object>> aggregate(Aggregation aggregation) {
    return users.aggregate(aggregation);
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
   * PATCH: the changed user, or 404 when there is none with that id. Without If-Match: REPEATABLE READ
   * and not retried, so a concurrent update of the same user committed while this one waited is a 409,
   * not a silent last-writer-wins. With If-Match the version check is part of the UPDATE's own WHERE
   * (READ COMMITTED re-checks it on the row a concurrent write left): a version that no longer matches
   * is a 412 and nothing changed.
   */
  public User update(int id, Map<String, Object> changes, IfMatch ifMatch) {
    UserChanges parsed = UserChanges.of(changes);
    Unit unit = ifMatch == null ? Unit.readWrite().withIsolation(Isolation.REPEATABLE_READ) : Unit.readWrite();
    return unitOfWork.run(unit, () -> {
      if (users.update(parsed, IfMatch.atVersion(Where.field("id").eq(id), ifMatch)) == 0) {
        throw missingOrChanged(id, ifMatch);
      }
      return users.get(id);
    });
  }

  private RuntimeException missingOrChanged(int id, IfMatch ifMatch) {
    return IfMatch.failure(ifMatch, () -> users.findByPk(id).isPresent(), "user " + id, () -> new UserNotFoundException(id));
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
  public void delete(int id, IfMatch ifMatch) {
    if (users.destroy(IfMatch.atVersion(Where.field("id").eq(id), ifMatch)) == 0) {
      throw missingOrChanged(id, ifMatch);
    }
  }

  /**
   * PUT by email with If-Match: only an update of the user the tag names (the fields given, as the
   * upsert's update branch); never an insert, since there is no version to match (412).
   */
  public User updateByEmail(NewUser user, IfMatch ifMatch) {
    Map<String, Object> changes = new LinkedHashMap<>();
    changes.put("name", user.name());
    putIfGiven(changes, "age", user.age());
    putIfGiven(changes, "isActive", user.isActive());
    putIfGiven(changes, "bio", user.bio());
    putIfGiven(changes, "metadata", user.metadata());
    putIfGiven(changes, "phone", user.phone());
    UserChanges parsed = UserChanges.of(changes);
    return unitOfWork.run(Unit.readWrite(), () -> {
      if (users.update(parsed, IfMatch.atVersion(Where.field("email").eq(user.email()), ifMatch)) == 0) {
        throw new PreconditionFailedException("user " + user.email());
      }
      return users.findOne(Where.field("email").eq(user.email())).orElseThrow();
    });
  }

  private static void putIfGiven(Map<String, Object> changes, String field, Object value) {
    if (value != null) {
      changes.put(field, value);
    }
  }

  @Transactional
  public int destroy(Where where) {
    return users.destroy(where);
  }
}
