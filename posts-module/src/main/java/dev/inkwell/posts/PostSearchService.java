package dev.inkwell.posts;

import static dev.inkwell.posts.PostFields.POSTS;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.IntStream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.inkwell.posts.internal.PendingPostRow;
import dev.inkwell.posts.internal.PostHitRow;
import dev.inkwell.posts.internal.PostMapper;
import dev.inkwell.posts.internal.PostSearchMapper;
import dev.inkwell.posts.internal.SqlPostSearch;
import dev.inkwell.query.InvalidQueryException;

/**
 * Posts by meaning, by words or both (PostSearchMapper.xml), and the outbox that keeps their vectors
 * current. This module stores and ranks vectors; turning text into a vector is the caller's (the app
 * runs the model), or the server's own {@code embedding()} when no vector is given.
 * Bad input is an {@link InvalidQueryException} before any SQL. The outbox writes require a
 * transaction (propagation MANDATORY); a search and a claim need none.
 */
@Service
public class PostSearchService {

  public static final int DEFAULT_K = 10;
  public static final int MAX_K = 100;
  /** Longer queries are refused: a search is a phrase or a question, not a document. */
  public static final int MAX_QUERY_CHARS = 1_000;

  private final PostSearchMapper mapper;
  private final PostMapper posts;
  private final String language;
  private final int candidates;
  private final int rrfK;

  public PostSearchService(PostSearchMapper mapper, PostMapper posts,
      @Value("${inkwell.search.language:english}") String language,
      @Value("${inkwell.search.candidates:50}") int candidates,
      @Value("${inkwell.search.rrf-k:60}") int rrfK) {
    if (!language.matches("[A-Za-z_]+")) {
      throw new IllegalArgumentException("inkwell.search.language must name a text search configuration, e.g. english");
    }
    if (candidates < 1 || rrfK < 0) {
      throw new IllegalArgumentException("inkwell.search.candidates must be at least 1 and rrf-k not negative");
    }
    this.mapper = mapper;
    this.posts = posts;
    this.language = language;
    this.candidates = candidates;
    this.rrfK = rrfK;
  }

  /** Refuses a search that cannot run, before a model is asked to embed its query. */
  public void check(PostSearch search) {
    checkScalars(search);
    POSTS.where(search.where());
  }

  private static void checkScalars(PostSearch search) {
    String query = search.query();
    if (query == null || query.isBlank()) {
      throw new InvalidQueryException("query", "query must not be empty");
    }
    if (query.length() > MAX_QUERY_CHARS) {
      throw new InvalidQueryException("query", "query must be at most " + MAX_QUERY_CHARS + " characters");
    }
    if (query.indexOf('\0') >= 0) {
      throw new InvalidQueryException("query", "query must not contain NUL characters");
    }
    if (search.k() != null && (search.k() < 1 || search.k() > MAX_K)) {
      throw new InvalidQueryException("k", "k must be between 1 and " + MAX_K);
    }
    if (search.efSearch() != null && (search.efSearch() < 1 || search.efSearch() > 1000)) {
      throw new InvalidQueryException("efSearch", "efSearch must be between 1 and 1000");
    }
  }

  /**
   * The {@code k} best posts for {@code search}, best first, in one statement (and one more for tags
   * when included). {@code queryVector}: the query embedded by the model that filled {@code vectors},
   * or null for the server's embedding(). {@code iterativeScanPerQuery}: set pgvector's iterative
   * scan with the search (behind a transaction pooler) instead of relying on the connection's.
   */
  public List<PostHit> search(PostSearch search, VectorTable vectors, float[] queryVector, PostInclude include,
      boolean iterativeScanPerQuery) {
    SqlPostSearch checked = sql(search, vectors, queryVector);
    boolean iterativeScan = iterativeScanPerQuery && search.modeOrDefault().semantic();
    List<PostHitRow> rows;
    if (iterativeScan || (search.efSearch() != null && search.modeOrDefault().semantic())) {
      // Two result sets: the settings' values, then the hits.
      @SuppressWarnings("unchecked")
      List<PostHitRow> found = (List<PostHitRow>) (List<?>) mapper.searchWithSettings(checked, include.author(),
          search.efSearch(), iterativeScan).get(1);
      rows = found;
    } else {
      rows = mapper.search(checked, include.author());
    }
    List<Post> found = PostService.withTags(posts, rows.stream().map(PostHitRow::getPost).toList(), include.tags());
    return IntStream.range(0, rows.size())
        .mapToObj(i -> new PostHit(found.get(i), rows.get(i).getScore(), rows.get(i).getSemanticRank(), rows.get(i).getTextRank()))
        .toList();
  }

  /** The plan of {@link #search}'s statement (for tests and operators: which indexes it reads). */
  public List<String> explain(PostSearch search, VectorTable vectors, float[] queryVector) {
    return mapper.explainSearch(sql(search, vectors, queryVector), false);
  }

  private SqlPostSearch sql(PostSearch search, VectorTable vectors, float[] queryVector) {
    checkScalars(search);
    SearchMode mode = search.modeOrDefault();
    String vector = null;
    if (queryVector != null) {
      if (queryVector.length != vectors.dimension()) {
        throw new IllegalArgumentException("a query vector of " + queryVector.length + " dimensions for "
            + vectors.table() + " (" + vectors.dimension() + ")");
      }
      vector = vectorText(queryVector);
    }
    int k = search.k() == null ? DEFAULT_K : search.k();
    return new SqlPostSearch(mode.jsonName(), vectors, vector, search.query(), language,
        POSTS.where(search.where()), k, Math.max(k, candidates), rrfK);
  }

  // ---------------------------------------------------------------------------------- outbox

  /** Claims up to {@code batch} waiting posts for {@code lease} (other instances skip them meanwhile), oldest first. */
  public List<PendingPost> claim(int batch, Duration lease) {
    return mapper.claim(batch, lease.toSeconds()).stream()
        .map(row -> new PendingPost(row.postId(), row.revision(), row.text()))
        .toList();
  }

  /**
   * Stores the vectors of claimed posts ({@code vectors.get(i)} embeds {@code claimed.get(i)}) and
   * takes them off the outbox, unless the post changed since the claim (then it stays queued).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void store(VectorTable table, List<PendingPost> claimed, List<float[]> vectors) {
    if (claimed.size() != vectors.size()) {
      throw new IllegalArgumentException(claimed.size() + " posts but " + vectors.size() + " vectors");
    }
    if (claimed.isEmpty()) {
      return;
    }
    String[] texts = new String[vectors.size()];
    for (int i = 0; i < texts.length; i++) {
      if (vectors.get(i).length != table.dimension()) {
        throw new IllegalArgumentException("a vector of " + vectors.get(i).length + " dimensions for " + table.table());
      }
      texts[i] = vectorText(vectors.get(i));
    }
    mapper.upsertVectors(table, ids(claimed), revisions(claimed), texts);
    mapper.deleteEmbedded(ids(claimed), revisions(claimed));
  }

  /** As {@link #store}, with the server's embedding() embedding each post's current text. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void storeEmbeddedByServer(List<PendingPost> claimed) {
    if (claimed.isEmpty()) {
      return;
    }
    mapper.upsertServerEmbedded(VectorTable.SERVER, ids(claimed), revisions(claimed));
    mapper.deleteEmbedded(ids(claimed), revisions(claimed));
  }

  /** Records why claimed posts could not be embedded; they are tried again after {@code retryAfter}. */
  public void fail(List<PendingPost> claimed, String error, Duration retryAfter) {
    if (!claimed.isEmpty()) {
      mapper.markFailed(ids(claimed), revisions(claimed), error, retryAfter.toSeconds());
    }
  }

  /** Posts waiting to be embedded. */
  public long backlog() {
    return mapper.countBacklog();
  }

  /** The latest failure recorded on a post still waiting, or null. */
  public String lastError() {
    return mapper.selectLastError();
  }

  /**
   * Queues every post for (re-)embedding into {@code table}: a new reindex queues all posts; an
   * unfinished one queues only those not embedded since it started, so it resumes. Returns the backlog.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public long startReindex(VectorTable table) {
    OffsetDateTime since = mapper.startReindex(table.table());
    mapper.enqueueNotEmbeddedSince(table, since);
    return mapper.countBacklog();
  }

  public void finishReindex(VectorTable table) {
    mapper.finishReindex(table.table());
  }

  /** Whether the server has {@code embedding(text)} (DB9 with its embedding extension). */
  public boolean serverHasEmbeddingFunction() {
    return mapper.selectHasEmbeddingFunction();
  }

  private static Integer[] ids(List<PendingPost> posts) {
    return posts.stream().map(PendingPost::postId).toArray(Integer[]::new);
  }

  private static Long[] revisions(List<PendingPost> posts) {
    return posts.stream().map(PendingPost::revision).toArray(Long[]::new);
  }

  /** pgvector's text form; the column's type checks the dimension again. */
  static String vectorText(float[] vector) {
    StringBuilder text = new StringBuilder(vector.length * 12).append('[');
    for (int i = 0; i < vector.length; i++) {
      if (!Float.isFinite(vector[i])) {
        throw new IllegalArgumentException("a vector must be finite");
      }
      if (i > 0) {
        text.append(',');
      }
      text.append(vector[i]);
    }
    return text.append(']').toString();
  }
}
