package dev.inkwell.posts.internal;

import java.util.List;

/**
 * A user or a tag with its posts, as one joined statement returns it: {@code owner} is the
 * {@code User} or {@code Tag} record, {@code id} its key (MyBatis groups the post rows by it).
 */
public class OwnerWithPostsRow<T> {

  private Integer id;
  private T owner;
  private List<PostRow> posts;

  public Integer getId() {
    return id;
  }

  public void setId(Integer id) {
    this.id = id;
  }

  public T getOwner() {
    return owner;
  }

  public void setOwner(T owner) {
    this.owner = owner;
  }

  /** Empty when the statement found no post: the result handler creates the list for every row. */
  public List<PostRow> getPosts() {
    return posts;
  }

  public void setPosts(List<PostRow> posts) {
    this.posts = posts;
  }
}
