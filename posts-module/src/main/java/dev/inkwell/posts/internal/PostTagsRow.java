package dev.inkwell.posts.internal;

import java.util.ArrayList;
import java.util.List;

import dev.inkwell.tags.Tag;

/** A post's id and its tags: loads the tags of many posts in one statement. */
public class PostTagsRow {

  private Integer postId;
  private List<Tag> tags = new ArrayList<>();

  public Integer getPostId() {
    return postId;
  }

  public List<Tag> getTags() {
    return tags;
  }
}
