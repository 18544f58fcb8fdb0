package dev.inkwell.posts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.inkwell.users.User;

/** A user with its (included) posts: in JSON the user's attributes and a {@code posts} list. */
public record UserWithPosts(@JsonUnwrapped User user, List<Post> posts) {
}
