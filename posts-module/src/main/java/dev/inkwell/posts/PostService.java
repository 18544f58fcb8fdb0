package dev.inkwell.posts;

import static dev.inkwell.posts.PostFields.POSTS;
import static dev.inkwell.users.UserFields.USERS;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.inkwell.posts.PostReports.AuthorPostRank;
import dev.inkwell.posts.PostReports.DayCount;
import dev.inkwell.posts.internal.OwnerWithPostsRow;
import dev.inkwell.posts.internal.PostMapper;
import dev.inkwell.posts.internal.PostReportMapper;
import dev.inkwell.posts.internal.PostRow;
import dev.inkwell.posts.internal.PostTagMapper;
import dev.inkwell.posts.internal.UserPostsMapper;
import dev.inkwell.query.Aggregation;
import dev.inkwell.query.FindOptions;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.Page;
import dev.inkwell.query.PageRequest;
import dev.inkwell.query.ScrollRequest;
import dev.inkwell.query.Where;
import dev.inkwell.query.Window;
import dev.inkwell.query.sql.ChunkedWrite;
import dev.inkwell.query.sql.Keyset;
import dev.inkwell.query.sql.ListStatements;
import dev.inkwell.query.sql.PagedSelect;
import dev.inkwell.query.sql.SqlAggregation;
import dev.inkwell.query.sql.SqlQuery;
import dev.inkwell.query.sql.SqlWhere;
import dev.inkwell.tags.Tag;
import dev.inkwell.tags.TagService;
import dev.inkwell.users.User;
import dev.inkwell.users.UserService;

/**
 * Post calls: CRUD with the shared filter model, eager loading of author and tags, the many-to-many
 * calls on a post's tags, users with their posts, and the posts reports. Every eager load costs a
 * fixed number of statements, however many posts and tags it returns. Writes of more than one
 * statement require a transaction (propagation MANDATORY); reads and {@link #create} (one statement)
 * join the caller's when there is one.
 */
@Service
public class PostService {

  static final int MAX_DAYS = 366;

  private final PostMapper posts;
  private final PostTagMapper links;
  private final UserPostsMapper userPosts;
  private final PostReportMapper reports;
  private final UserService users;
  private final TagService tags;

  private final int maxRowsPerStatement;

  public PostService(PostMapper posts, PostTagMapper links, UserPostsMapper userPosts, PostReportMapper reports,
      UserService users, TagService tags, @Value(ChunkedWrite.MAX_ROWS) int maxRowsPerStatement) {
    this.maxRowsPerStatement = maxRowsPerStatement;
    this.userPosts = userPosts;
    this.reports = reports;
    this.posts = posts;
    this.links = links;
    this.users = users;
    this.tags = tags;
    PostFields.declareAssociations();
  }

  /**
   * {@code Post.create}; refuses an author that does not exist, naming it. One statement that inserts
   * nothing without the author (no look-up first, no error that would abort a caller's transaction),
   * so it needs no transaction and joins the caller's.
   */
  public Post create(NewPost post) {
    if (post.authorId() == null) {
      throw noAuthor(null);
    }
    PostRow inserted;
    try {
      inserted = posts.insert(PostRow.of(post));
    } catch (DataIntegrityViolationException e) {
      if (e.getMostSpecificCause() instanceof SQLException sql && "23503".equals(sql.getSQLState())) {
        throw noAuthor(post.authorId()); // deleted between the look-up and the insert
      }
      throw e;
    }
    if (inserted == null) {
      throw noAuthor(post.authorId());
    }
    return inserted.toPost(false);
  }

  /** {@code Post.findByPk(id, {include})}: one statement. */
  public Optional<Post> findByPk(int id, PostInclude include) {
    return Optional.ofNullable(posts.selectById(id, include.author(), include.tags())).map(row -> row.toPost(include.tags()));
  }

  public Post get(int id, PostInclude include) {
    return findByPk(id, include).orElseThrow(() -> new PostNotFoundException(id));
  }

  /** {@code Post.findAll(options)} (attributes are checked; every column is read). */
  public List<Post> findAll(FindOptions options, PostInclude include) {
    POSTS.columns(options.attributes());
    return withTags(posts.selectByQuery(POSTS.query(options), include.author()), include.tags());
  }

  /**
   * A page of posts with their author and tags: the page's posts (author joined, one row each), then
   * the tags of those posts in one more statement, so the page holds exactly {@code size} posts.
   */
  public Page<Post> findPage(FindOptions options, PageRequest page, PostInclude include) {
    POSTS.columns(options.attributes());
    SqlQuery query = POSTS.query(options.limit(null, null));
    Page<PostRow> rows = PagedSelect.page(page, query, postsByQuery(include), row -> row);
    List<Post> items = withTags(rows.items(), include.tags());
    return new Page<>(items, rows.total(), rows.page(), rows.size(), rows.pages(), rows.hasNext(), rows.totalEstimated());
  }

  /** A keyset window of {@code findAll} (limit and offset of {@code options} are ignored), tags as for a page. */
  public Window<Post> findWindow(FindOptions options, ScrollRequest scroll, PostInclude include) {
    Window<PostRow> rows = PagedSelect.window(scroll, POSTS, options, postsByQuery(include), row -> row);
    return new Window<>(withTags(rows.items(), include.tags()), rows.next(), rows.prev(), rows.total(), rows.totalEstimated());
  }

  /** Every post (without author or tags) {@code options} selects, in keyset chunks ({@link PagedSelect#export}). */
  public void export(FindOptions options, Integer afterId, int chunk, Consumer<List<Post>> sink) {
    PagedSelect.export(POSTS, options, afterId, chunk, postsByQuery(PostInclude.NONE), row -> row.toPost(false), sink);
  }

  private ListStatements<PostRow> postsByQuery(PostInclude include) {
    boolean author = include.author();
    return new ListStatements<>(q -> posts.selectByQuery(q, author), q -> posts.selectByQuery_COUNT(q, author),
        q -> posts.selectByQuery_PLAN(q, author));
  }

  /**
   * Sequelize's {@code fn}/{@code group}: the aggregation's rows, named as the caller asked, in one
   * statement ({@code selectAggregate}).
   */
  public List<Map<String, Object>> aggregate(Aggregation aggregation) {
    SqlAggregation sql = POSTS.aggregation(aggregation);
    return sql.rows(posts.selectAggregate(sql));
  }

  public long count(Where where) {
    return posts.selectByQuery_COUNT(SqlQuery.of(POSTS.where(where)), false);
  }

  /** {@code Post.update(values, {where})}: rows changed (in chunks, as {@code UserService.update}); updatedAt moves. */
  @Transactional(propagation = Propagation.MANDATORY)
  public int update(PostChanges changes, Where where) {
    Object authorId = changes.getValues().get("authorId");
    if (authorId != null) {
      requireAuthor((Integer) authorId);
    }
    return ChunkedWrite.byIdRanges(maxRowsPerStatement, POSTS.where(where), posts::selectIdBounds,
        filter -> posts.updateByQuery(changes, filter));
  }

  /** Deletes the post; its tag links go with it (database cascade). */
  @Transactional(propagation = Propagation.MANDATORY)
  public void delete(int id) {
    if (!deleteIf(id, null)) {
      throw new PostNotFoundException(id);
    }
  }

  /**
   * Deletes the post when it also matches {@code condition} (null or empty: unconditionally), in one statement:
   * a version check ({@code updatedAt}) cannot go stale between a read and the delete. False when
   * nothing was deleted.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean deleteIf(int id, Where condition) {
    Where byId = Where.field("id").eq(id);
    return posts.deleteByQuery(POSTS.where(condition == null || condition.isEmpty() ? byId : Where.and(byId, condition))) > 0;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public int destroy(Where where) {
    if (where == null || where.isEmpty()) {
      throw new InvalidQueryException("where", "destroy needs a filter; an empty one would delete every post");
    }
    return ChunkedWrite.byIdRanges(maxRowsPerStatement, POSTS.where(where), posts::selectIdBounds, posts::deleteByQuery);
  }

  // ------------------------------------------------------------------ tags of a post

  /** {@code post.addTags(tags)}: links already there are left as they are (no error, one link). */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<Tag> addTags(int postId, Collection<Integer> tagIds) {
    requirePost(postId);
    return link(postId, tags.getAll(tagIds), false);
  }

  /** {@code addTags} by name: missing tags are created. */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<Tag> addTagsByName(int postId, Collection<String> names) {
    requirePost(postId);
    return link(postId, tags.findOrCreateAll(names), false);
  }

  /** {@code post.setTags(tags)}: afterwards the post has exactly these tags (in the caller's transaction). */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<Tag> setTags(int postId, Collection<Integer> tagIds) {
    requirePost(postId);
    return link(postId, tags.getAll(tagIds), true);
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public List<Tag> setTagsByName(int postId, Collection<String> names) {
    requirePost(postId);
    return link(postId, tags.findOrCreateAll(names), true);
  }

  /**
   * Links the post (checked by the caller) to {@code found} (resolved by the caller), first unlinking
   * every other tag when {@code replace}; returns the post's tags.
   */
  private List<Tag> link(int postId, List<Tag> found, boolean replace) {
    List<Integer> ids = found.stream().map(Tag::id).toList();
    if (replace) {
      links.deleteLinksExcept(postId, ids);
    }
    if (!ids.isEmpty()) {
      links.insertLinks(postId, ids);
    }
    return tagsOf(postId);
  }

  /** {@code post.removeTag(tag)}: false when the post did not have it. */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean removeTag(int postId, int tagId) {
    requirePost(postId);
    return links.deleteLinks(postId, List.of(tagId)) > 0;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public int removeTags(int postId, Collection<Integer> tagIds) {
    requirePost(postId);
    return tagIds.isEmpty() ? 0 : links.deleteLinks(postId, tagIds);
  }

  public boolean hasTag(int postId, int tagId) {
    return links.existsLink(postId, tagId);
  }

  public int countTags(int postId) {
    return links.countLinks(postId);
  }

  /** The post's tags by id. */
  public List<Tag> tagsOf(int postId) {
    return get(postId, new PostInclude(false, true)).tags();
  }

  /** Tag belongsToMany Post: the tag with its posts (by id), in one statement. */
  public Optional<TagWithPosts> findTagWithPosts(int tagId) {
    OwnerWithPostsRow<Tag> row = posts.selectTagWithPosts(tagId);
    return Optional.ofNullable(row)
        .map(r -> new TagWithPosts(r.getOwner(), r.getPosts().stream().map(p -> p.toPost(false)).toList()));
  }

  // ------------------------------------------------------------------ users with their posts (UserPostsMapper.xml)
  // User hasMany Post as posts: reads that start at users and include their posts (and the posts'
  // tags). They live here, not in users-module, because users cannot depend on posts. Statement
  // counts are fixed: one user with its graph is one statement; a page of users is three (PageHelper's
  // count, the page's users, then all of their posts with tags), however many users, posts and tags.

  /**
   * The user with the posts {@code include} selects; empty when there is no such user, or when the
   * include is required and none of the user's posts matches.
   */
  public Optional<UserWithPosts> findUserWithPosts(int userId, UserPostsInclude include) {
    OwnerWithPostsRow<User> row = userPosts.selectUserWithPosts(userId, POSTS.where(include.where()), include.required(),
        include.tags());
    if (row == null) {
      return Optional.empty();
    }
    // A loop, not a stream: the stream's own machinery cost three times what the five posts' mapping
    // did (async-profiler, W5 loads).
    List<Post> posts = new ArrayList<>(row.getPosts().size());
    for (PostRow post : row.getPosts()) {
      posts.add(post.toPost(include.tags()));
    }
    return Optional.of(new UserWithPosts(row.getOwner(), Collections.unmodifiableList(posts)));
  }

  /**
   * A page of users (filtered, ordered by {@code options}) with their posts. The page counts users, not
   * joined rows: a page of size 20 holds 20 users, whatever their posts. With a required include only
   * users with at least one matching post are listed.
   */
  public Page<UserWithPosts> findUsersWithPosts(FindOptions options, UserPostsInclude include, PageRequest page) {
    SqlWhere postFilter = POSTS.where(include.where());
    Page<User> roots = PagedSelect.page(page, USERS.query(options.limit(null, null)), usersByQuery(postFilter, include), u -> u);
    return roots.map(withPostsOf(roots.items(), postFilter, include));
  }

  /** A keyset window of users with their posts: the window counts users, as a page does. */
  public Window<UserWithPosts> findUsersWithPostsWindow(FindOptions options, UserPostsInclude include, ScrollRequest scroll) {
    SqlWhere postFilter = POSTS.where(include.where());
    SqlQuery users = USERS.query(options.limit(null, null));
    String context = Keyset.context(USERS.entity(), users, "posts " + postFilter.canonical() + " required " + include.required());
    Window<User> roots = PagedSelect.window(scroll, users, context, usersByQuery(postFilter, include), u -> u, u -> u);
    return roots.map(withPostsOf(roots.items(), postFilter, include));
  }

  private ListStatements<User> usersByQuery(SqlWhere postFilter, UserPostsInclude include) {
    boolean required = include.required();
    return new ListStatements<>(q -> userPosts.selectUsersByQuery(q, postFilter, required),
        q -> userPosts.selectUsersByQuery_COUNT(q, postFilter, required),
        q -> userPosts.selectUsersByQuery_PLAN(q, postFilter, required));
  }

  /** The matching posts of all {@code users} in one statement, attached to each. */
  private Function<User, UserWithPosts> withPostsOf(List<User> users, SqlWhere postFilter, UserPostsInclude include) {
    Map<Integer, List<Post>> byUser = new LinkedHashMap<>();
    if (!users.isEmpty()) {
      Integer[] ids = users.stream().map(User::id).toArray(Integer[]::new);
      for (PostRow post : userPosts.selectPostsOfUsers(ids, postFilter, include.tags())) {
        byUser.computeIfAbsent(post.getAuthorId(), k -> new ArrayList<>()).add(post.toPost(include.tags()));
      }
    }
    return user -> new UserWithPosts(user, byUser.getOrDefault(user.id(), List.of()));
  }

  // ------------------------------------------------------------------ reports (PostReportMapper.xml)

  /** Posts with their rank among their author's posts (1 = newest), by author then rank; one page. */
  public List<AuthorPostRank> rankedPerAuthor(PageRequest page) {
    return reports.selectRankedPerAuthor(page.size(), page.offset());
  }

  /** Posts per UTC day from {@code from} to {@code to} inclusive (at most 366 days), zero days included. */
  public List<DayCount> countsPerDay(LocalDate from, LocalDate to) {
    if (from == null || to == null || to.isBefore(from)) {
      throw new InvalidQueryException("to", "give from <= to (ISO dates)");
    }
    if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw new InvalidQueryException("to", "at most " + MAX_DAYS + " days per report");
    }
    return reports.selectCountsPerDay(from, to);
  }

  private List<Post> withTags(List<PostRow> rows, boolean withTags) {
    return withTags(posts, rows, withTags);
  }

  /** The posts of {@code rows}, with their tags read in one more statement when asked. */
  static List<Post> withTags(PostMapper posts, List<PostRow> rows, boolean withTags) {
    if (!withTags || rows.isEmpty()) {
      return rows.stream().map(row -> row.toPost(withTags)).toList();
    }
    Set<Integer> ids = new LinkedHashSet<>();
    rows.forEach(row -> ids.add(row.getId()));
    Map<Integer, List<Tag>> byPost = new HashMap<>();
    for (PostRow post : posts.selectTagsOfPosts(ids)) {
      byPost.put(post.getId(), post.getTags());
    }
    return rows.stream().map(row -> {
      row.setTags(byPost.getOrDefault(row.getId(), List.of()));
      return row.toPost(true);
    }).toList();
  }

  private void requirePost(int postId) {
    if (posts.selectById(postId, false, false) == null) {
      throw new PostNotFoundException(postId);
    }
  }

  private void requireAuthor(Integer authorId) {
    if (authorId == null || users.findByPk(authorId).isEmpty()) {
      throw noAuthor(authorId);
    }
  }

  private static InvalidQueryException noAuthor(Integer authorId) {
    return new InvalidQueryException("authorId", "author " + authorId + " does not exist");
  }
}
