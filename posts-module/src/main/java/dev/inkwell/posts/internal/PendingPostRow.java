package dev.inkwell.posts.internal;

/** A claimed outbox row: the post, the revision to embed, and its searchable text as read at the claim. */
public record PendingPostRow(Integer postId, Long revision, String text) {
}
