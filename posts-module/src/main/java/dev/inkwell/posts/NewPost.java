package dev.inkwell.posts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What create takes; a null {@code published} means the database default (false). */
public record NewPost(
    @NotBlank @Size(max = 500) String title,
    @NotNull String content,
    Boolean published,
    @NotNull Integer authorId) {
}
