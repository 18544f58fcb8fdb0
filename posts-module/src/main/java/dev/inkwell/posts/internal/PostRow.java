package dev.inkwell.posts.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import dev.inkwell.posts.NewPost;
import dev.inkwell.posts.Post;
import dev.inkwell.tags.Tag;
import dev.inkwell.users.User;

/** One post row, with its author and tags when a statement selects them. */
public class PostRow {

  private Integer id;
  private String title;
  private String content;
  private Boolean published;
  private Integer authorId;
  private OffsetDateTime createdAt;
  private OffsetDateTime updatedAt;
  private User author;
  private List<Tag> tags;
  /** A post's tags as the statement's two arrays (TagSql.xml, "arrays"), read into tags on first use. */
  private Integer[] tagIds;
  private String[] tagNames;

  /** For a statement that selects only a post's id and tags (tagsOfPost). */
  public PostRow() {
  }

  /** The post's columns, as the "post" result map reads them. */
  public PostRow(Integer id, String title, String content, Boolean published, Integer authorId,
      OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    this.id = id;
    this.title = title;
    this.content = content;
    this.published = published;
    this.authorId = authorId;
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
  }

  public static PostRow of(NewPost post) {
    return new PostRow(null, post.title(), post.content(), post.published(), post.authorId(), null, null);
  }

  /** The API post; {@code withTags} turns "no tag rows" into an empty list instead of "not included". */
  public Post toPost(boolean withTags) {
    return new Post(id, title, content, published, authorId, createdAt, updatedAt, author,
        withTags ? (getTags() == null ? List.of() : List.copyOf(getTags())) : null);
  }

  public Integer getId() {
    return id;
  }

  public void setId(Integer id) {
    this.id = id;
  }

  public String getTitle() {
    return title;
  }

  public String getContent() {
    return content;
  }

  public Boolean getPublished() {
    return published;
  }

  public Integer getAuthorId() {
    return authorId;
  }

  public OffsetDateTime getCreatedAt() {
    return createdAt;
  }

  public OffsetDateTime getUpdatedAt() {
    return updatedAt;
  }

  public User getAuthor() {
    return author;
  }

  public void setAuthor(User author) {
    this.author = author;
  }

  public List<Tag> getTags() {
    if (tags == null && tagIds != null) {
      List<Tag> zipped = new ArrayList<>(tagIds.length);
      for (int i = 0; i < tagIds.length; i++) {
        zipped.add(new Tag(tagIds[i], tagNames[i]));
      }
      tags = zipped;
    }
    return tags;
  }

  public void setTags(List<Tag> tags) {
    this.tags = tags;
  }

  public void setTagIds(Integer[] tagIds) {
    this.tagIds = tagIds;
    this.tags = null;
  }

  public void setTagNames(String[] tagNames) {
    this.tagNames = tagNames;
  }
}
