package dev.inkwell.posts.internal;

import dev.inkwell.tags.Tag;

/** One post_tags link with its tag's name: loads the tags of many posts in one statement. */
public record PostTagRow(Integer postId, Integer tagId, String tagName) {

  public Tag tag() {
    return new Tag(tagId, tagName);
  }
}
