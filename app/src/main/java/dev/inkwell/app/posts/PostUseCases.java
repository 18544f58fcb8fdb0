package dev.inkwell.app.posts;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import dev.inkwell.app.transactions.ReadOnly;
import dev.inkwell.app.transactions.Unit;
import dev.inkwell.app.transactions.UnitOfWork;
import dev.inkwell.app.web.IfMatch;
import dev.inkwell.posts.NewPost;
import dev.inkwell.posts.Post;
import dev.inkwell.posts.PostChanges;
import dev.inkwell.posts.PostInclude;
import dev.inkwell.posts.PostNotFoundException;
import dev.inkwell.posts.PostService;
import dev.inkwell.query.Aggregation;
import dev.inkwell.query.FindOptions;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.Page;
import dev.inkwell.query.PageRequest;
import dev.inkwell.query.ScrollRequest;
import dev.inkwell.query.Where;
import dev.inkwell.query.Window;
import dev.inkwell.tags.Tag;

/**
 * One transaction per REST call on posts and their tags that writes more than one statement. Reads and one-statement writes run without one: a
 * statement is atomic on its own, and at the server's default isolation (READ COMMITTED) each statement
 * takes its own snapshot inside a transaction too, so a transaction would only cost a COMMIT round trip.
 */
@Service
public class PostUseCases {

  private final PostService posts;
  private final UnitOfWork unitOfWork;

  public PostUseCases(PostService posts, UnitOfWork unitOfWork) {
    this.posts = posts;
    this.unitOfWork = unitOfWork;
  }

  public Post create(NewPost post) {
    return posts.create(post);
  }

  @ReadOnly
  public Post get(int id, PostInclude include) {
    return posts.get(id, include);
  }

  @ReadOnly
  public Window<Post> window(FindOptions options, ScrollRequest scroll, PostInclude include) {
    return posts.findWindow(options, scroll, include);
  }

  /**
   * Every post the options select, chunk by chunk (each chunk one statement, no transaction); with
   * {@code snapshot} every chunk in one REPEATABLE READ read-only transaction, so the export is one
   * consistent snapshot (it then holds a connection and a snapshot for the whole export).
   */
  @ReadOnly
  public void export(FindOptions options, boolean snapshot, Integer afterId, int chunk, Consumer<List<Post>> sink) {
    if (snapshot) {
      unitOfWork.run(Unit.readOnlyUnit().withIsolation(Isolation.REPEATABLE_READ), () -> posts.export(options, afterId, chunk, sink));
    } else {
      posts.export(options, afterId, chunk, sink);
    }
  }

  /** An aggregation over posts: one statement. */
  @ReadOnly
  public List<Map<String, Object>> aggregate(Aggregation aggregation) {
    return posts.aggregate(aggregation);
  }

  @ReadOnly
  public Page<Post> page(FindOptions options, PageRequest page, PostInclude include) {
    return posts.findPage(options, page, include);
  }

  /**
   * PATCH; with If-Match only at a version it names, checked by the UPDATE's own WHERE (412 when it no
   * longer matches, nothing changed).
   */
  @Transactional
  public Post update(int id, Map<String, Object> changes, IfMatch ifMatch) {
    if (posts.update(PostChanges.of(changes), IfMatch.atVersion(Where.field("id").eq(id), ifMatch)) == 0) {
      throw missingOrChanged(id, ifMatch);
    }
    return posts.get(id, PostInclude.NONE);
  }

  @Transactional
  public void delete(int id, IfMatch ifMatch) {
    if (!posts.deleteIf(id, IfMatch.atVersion(Where.ALL, ifMatch))) {
      throw missingOrChanged(id, ifMatch);
    }
  }


  private RuntimeException missingOrChanged(int id, IfMatch ifMatch) {
    return IfMatch.failure(ifMatch, () -> posts.findByPk(id, PostInclude.NONE).isPresent(), "post " + id,
        () -> new PostNotFoundException(id));
  }

  @Transactional
  public int destroy(Where where) {
    return posts.destroy(where);
  }

  /** {@code {"tagIds": [...]}} or {@code {"names": [...]}} (found or created): added, or the new full set. */
  @Transactional
  public List<Tag> changeTags(int postId, TagsBody body, boolean replace) {
    if ((body.tagIds() == null) == (body.names() == null)) {
      throw new InvalidQueryException("tagIds", "give either tagIds or names");
    }
    if (body.tagIds() != null) {
      return replace ? posts.setTags(postId, body.tagIds()) : posts.addTags(postId, body.tagIds());
    }
    return replace ? posts.setTagsByName(postId, body.names()) : posts.addTagsByName(postId, body.names());
  }

  @Transactional
  public void removeTag(int postId, int tagId) {
    if (!posts.removeTag(postId, tagId)) {
      throw new InvalidQueryException("tagId", "post " + postId + " has no tag " + tagId);
    }
  }

  /** The body of the tag calls. */
  public record TagsBody(List<Integer> tagIds, List<String> names) {
  }
}
