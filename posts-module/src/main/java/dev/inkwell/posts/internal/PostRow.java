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

  public PostRow() {
  }

  public static PostRow of(NewPost post) {
    PostRow row = new PostRow();
    row.title = post.title();
    row.content = post.content();
    row.published = post.published();
    row.authorId = post.authorId();
    return row;
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

  public void setTitle(String title) {
    this.title = title;
  }

  public String getContent() {
    return content;
  }

  public void setContent(String content) {
    this.content = content;
  }

  public Boolean getPublished() {
    return published;
  }

  public void setPublished(Boolean published) {
    this.published = published;
  }

  public Integer getAuthorId() {
    return authorId;
  }

  public void setAuthorId(Integer authorId) {
    this.authorId = authorId;
  }

  public OffsetDateTime getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(OffsetDateTime createdAt) {
    this.createdAt = createdAt;
  }

  public OffsetDateTime getUpdatedAt() {
    return updatedAt;
  }

  public void setUpdatedAt(OffsetDateTime updatedAt) {
    this.updatedAt = updatedAt;
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
