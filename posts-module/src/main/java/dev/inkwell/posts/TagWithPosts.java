package dev.inkwell.posts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.inkwell.tags.Tag;

/** A tag with the posts linked to it: in JSON the tag's attributes and a {@code posts} list. */
public record TagWithPosts(@JsonUnwrapped Tag tag, List<Post> posts) {
}
