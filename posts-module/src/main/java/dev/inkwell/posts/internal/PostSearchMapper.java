package dev.inkwell.posts.internal;

import java.time.OffsetDateTime;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import dev.inkwell.posts.VectorTable;

/**
 * Search over posts by meaning (a vector table per model), by words (posts.search_text) or both, and
 * the outbox that keeps the vectors current. The table of a {@link VectorTable} (an enum of the
 * tables the migrations create) is the only identifier these statements take from Java.
 */
@Mapper
public interface PostSearchMapper {

  /** The ranked posts of one search: each with its author when asked, its score and its ranks. */
  List<PostHitRow> search(@Param("s") SqlPostSearch search, @Param("author") boolean author);

  /** As {@link #search}, after transaction-local settings sent in the same round trip: [settings], [hits]. */
  List<List<Object>> searchWithSettings(@Param("s") SqlPostSearch search, @Param("author") boolean author,
      @Param("efSearch") Integer efSearch, @Param("iterativeScan") boolean iterativeScan);

  /** {@code EXPLAIN} of {@link #search}. */
  List<String> explainSearch(@Param("s") SqlPostSearch search, @Param("author") boolean author);

  /** Claims up to {@code batch} waiting posts for {@code leaseSeconds}, oldest first, with the text to embed. */
  List<PendingPostRow> claim(@Param("batch") int batch, @Param("leaseSeconds") long leaseSeconds);

  /** Stores vectors (as pgvector text) of the revisions given; an older revision never replaces a newer one. */
  int upsertVectors(@Param("vectors") VectorTable vectors, @Param("postIds") Integer[] postIds,
      @Param("revisions") Long[] revisions, @Param("embeddings") String[] embeddings);

  /** The server's embedding() embeds the current text of the posts given, in the statement that stores it. */
  int upsertServerEmbedded(@Param("vectors") VectorTable vectors, @Param("postIds") Integer[] postIds,
      @Param("revisions") Long[] revisions);

  /** Removes the outbox rows whose revision is still the one embedded (a newer change stays queued). */
  int deleteEmbedded(@Param("postIds") Integer[] postIds, @Param("revisions") Long[] revisions);

  /** Records a failure on claimed rows and keeps them claimed for {@code retrySeconds} (the back-off). */
  int markFailed(@Param("postIds") Integer[] postIds, @Param("revisions") Long[] revisions,
      @Param("error") String error, @Param("retrySeconds") long retrySeconds);

  long countBacklog();

  /** The most recent failure still on a waiting post, or null. */
  String selectLastError();

  /** Starts a reindex of {@code vectors}, or finds the unfinished one: its start. */
  OffsetDateTime startReindex(@Param("vectors") String vectors);

  /** Queues every post not embedded into {@code vectors} since {@code since}. */
  int enqueueNotEmbeddedSince(@Param("vectors") VectorTable vectors, @Param("since") OffsetDateTime since);

  int finishReindex(@Param("vectors") String vectors);

  /** Whether the server has a function embedding(text) (DB9's embedding extension). */
  boolean selectHasEmbeddingFunction();
}
