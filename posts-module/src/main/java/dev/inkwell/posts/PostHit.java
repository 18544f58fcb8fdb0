package dev.inkwell.posts;

/**
 * One post a search found. {@code score}: cosine similarity (semantic), ts_rank_cd (text) or the
 * reciprocal rank fusion of both (hybrid); higher is better. The ranks are the post's place in the
 * vector and the text top-N, null where it is not in that list.
 */
public record PostHit(Post post, double score, Integer semanticRank, Integer textRank) {
}
