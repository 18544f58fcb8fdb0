package dev.inkwell.app.posts;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.inkwell.app.transactions.ReadOnly;
import dev.inkwell.posts.NewPost;
import dev.inkwell.posts.Post;
import dev.inkwell.posts.PostChanges;
import dev.inkwell.posts.PostInclude;
import dev.inkwell.posts.PostNotFoundException;
import dev.inkwell.posts.PostService;
import dev.inkwell.query.FindOptions;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.Page;
import dev.inkwell.query.PageRequest;
import dev.inkwell.query.Where;
import dev.inkwell.tags.Tag;

/**
 * One transaction per REST call on posts and their tags that writes more than one statement. Reads and one-statement writes run without one: a
 * statement is atomic on its own, and at the server's default isolation (READ COMMITTED) each statement
 * takes its own snapshot inside a transaction too, so a transaction would only cost a COMMIT round trip.
 */
@Service
public class PostUseCases {

  private final PostService posts;

  public PostUseCases(PostService posts) {
    this.posts = posts;
  }

  public Post create(NewPost post) {
    return posts.create(post);
  }

  @ReadOnly
  public Post get(int id, PostInclude include) {
    return posts.get(id, include);
  }

  @ReadOnly
  public Page<Post> page(FindOptions options, PageRequest page, PostInclude include) {
    return posts.findPage(options, page, include);
  }

  @Transactional
  public Post update(int id, Map<String, Object> changes) {
    if (posts.update(PostChanges.of(changes), Where.field("id").eq(id)) == 0) {
      throw new PostNotFoundException(id);
    }
    return posts.get(id, PostInclude.NONE);
  }

  @Transactional
  public void delete(int id) {
    posts.delete(id);
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
