package dev.inkwell.posts;

/** A post waiting to be embedded, claimed by one worker: the revision it embeds and the text of it. */
public record PendingPost(int postId, long revision, String text) {
}
