package dev.inkwell.posts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.inkwell.posts.internal.OwnerWithPostsRow;
import dev.inkwell.posts.internal.PostMapper;
import dev.inkwell.posts.internal.PostRow;
import dev.inkwell.posts.internal.PostTagMapper;
import dev.inkwell.posts.internal.PostTagsRow;
import dev.inkwell.query.FindOptions;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.Page;
import dev.inkwell.query.PageRequest;
import dev.inkwell.query.Where;
import dev.inkwell.query.sql.ChunkedWrite;
import dev.inkwell.query.sql.PagedSelect;
import dev.inkwell.query.sql.SqlQuery;
import dev.inkwell.tags.Tag;
import dev.inkwell.tags.TagService;
import dev.inkwell.users.UserService;

import static dev.inkwell.posts.PostFields.POSTS;

/**
 * Post calls: CRUD with the shared filter model, eager loading of author and tags, and the
 * many-to-many calls on a post's tags. Every eager load costs a fixed number of statements, however
 * many posts and tags it returns. Writes require a transaction (propagation MANDATORY).
 */
@Service
public class PostService {

  private final PostMapper posts;
  private final PostTagMapper links;
  private final UserService users;
  private final TagService tags;

  private final int maxRowsPerStatement;

  public PostService(PostMapper posts, PostTagMapper links, UserService users, TagService tags,
      @Value(ChunkedWrite.MAX_ROWS) int maxRowsPerStatement) {
    this.maxRowsPerStatement = maxRowsPerStatement;
    this.posts = posts;
    this.links = links;
    this.users = users;
    this.tags = tags;
  }

  /** {@code Post.create}; refuses an author that does not exist, naming it. */
  @Transactional(propagation = Propagation.MANDATORY)
  public Post create(NewPost post) {
    requireAuthor(post.authorId());
    return posts.insert(PostRow.of(post)).toPost(false);
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
    Page<PostRow> rows = PagedSelect.page(page, () -> posts.selectByQuery(query, include.author()), row -> row);
    List<Post> items = withTags(rows.items(), include.tags());
    return new Page<>(items, rows.total(), rows.page(), rows.size(), rows.pages(), rows.hasNext());
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
    if (posts.deleteByQuery(POSTS.where(Where.field("id").eq(id))) == 0) {
      throw new PostNotFoundException(id);
    }
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
        .map(r -> new TagWithPosts(r.getOwner(), r.postsOrEmpty().stream().map(p -> p.toPost(false)).toList()));
  }

  private List<Post> withTags(List<PostRow> rows, boolean withTags) {
    if (!withTags || rows.isEmpty()) {
      return rows.stream().map(row -> row.toPost(withTags)).toList();
    }
    Set<Integer> ids = new LinkedHashSet<>();
    rows.forEach(row -> ids.add(row.getId()));
    Map<Integer, List<Tag>> byPost = new HashMap<>();
    for (PostTagsRow post : posts.selectTagsOfPosts(ids)) {
      byPost.put(post.getPostId(), post.getTags());
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
      throw new InvalidQueryException("authorId", "author " + authorId + " does not exist");
    }
  }
}
