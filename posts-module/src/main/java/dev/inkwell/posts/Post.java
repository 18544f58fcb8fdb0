package dev.inkwell.posts;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.inkwell.tags.Tag;
import dev.inkwell.users.User;

/**
 * A post. {@code author} and {@code tags} are null unless the read included them (and are then left
 * out of JSON), like Sequelize's {@code include}; an included but empty {@code tags} is an empty list.
 */
public record Post(
    Integer id,
    String title,
    String content,
    Boolean published,
    Integer authorId,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) User author,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<Tag> tags) {
}
