package dev.inkwell.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.Where;
import dev.inkwell.query.WhereJson;
import dev.inkwell.query.testing.StatementCounter;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostSearchMapper.xml with vectors made by hand (so distances are known): ranks, scores, fusion,
 * filters, includes, the outbox's revision rules, and the plans at 3,000 posts. Searches set
 * iterative scans as the service's connections have them: rows earlier tests rolled back stay in the
 * HNSW index until vacuumed, and without them a scan may end before it finds the live ones.
 */
@PostsDataTest
class PostSearchServiceTest {

  @Autowired
  PostSearchService search;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  StatementCounter statements;

  /** A unit vector along axis {@code i}, tilted a little towards axis {@code j}. */
  private static float[] axis(int i, int j, float tilt) {
    float[] v = new float[384];
    v[i] = 1;
    v[j] += tilt;
    return v;
  }

  private static Where where(String json) {
    return WhereJson.parse(JsonMapper.shared().readTree(json));
  }

  private void embedAll(Map<Integer, float[]> vectors) {
    List<PendingPost> pending = search.claim(1_000, Duration.ofMinutes(1));
    search.store(VectorTable.MINILM, pending, pending.stream().map(p -> vectors.get(p.postId())).toList());
  }

  private List<String> titles(List<PostHit> hits) {
    return hits.stream().map(hit -> hit.post().title()).toList();
  }

  @Test
  void eachModeRanksItsOwnWayAndHybridFusesThem() {
    Fixtures db = new Fixtures(jdbc);
    int ann = db.user("Ann");
    int bob = db.user("Bob");
    int near = db.post(ann, "near", true);
    int middle = db.post(bob, "middle kestrel", true);
    int far = db.post(ann, "far kestrel kestrel", false);
    embedAll(Map.of(near, axis(0, 1, 0.1f), middle, axis(0, 1, 1f), far, axis(1, 2, 0.1f)));
    float[] query = axis(0, 1, 0f);

    List<PostHit> semantic = search.search(PostSearch.of("kestrel", SearchMode.SEMANTIC, 3), VectorTable.MINILM, query,
        PostInclude.NONE, true);
    assertThat(titles(semantic)).containsExactly("near", "middle kestrel", "far kestrel kestrel");
    assertThat(semantic.get(0).score()).isCloseTo(1 / Math.sqrt(1.01), within(1e-4));
    assertThat(semantic).extracting(PostHit::semanticRank).containsExactly(1, 2, 3);
    assertThat(semantic).extracting(PostHit::textRank).containsOnlyNulls();

    List<PostHit> text = search.search(PostSearch.of("kestrel", SearchMode.TEXT, 3), VectorTable.MINILM, null,
        PostInclude.NONE, true);
    assertThat(titles(text)).containsExactly("far kestrel kestrel", "middle kestrel");
    assertThat(text).extracting(PostHit::textRank).containsExactly(1, 2);

    // RRF, k 60: far 1/63 + 1/61 > middle 1/62 + 1/62 > near 1/61 (in no text list).
    List<PostHit> hybrid = search.search(PostSearch.of("kestrel", SearchMode.HYBRID, 3), VectorTable.MINILM, query,
        PostInclude.NONE, true);
    assertThat(titles(hybrid)).containsExactly("far kestrel kestrel", "middle kestrel", "near");
    assertThat(hybrid.get(0).score()).isCloseTo(1.0 / 63 + 1.0 / 61, within(1e-9));
    assertThat(hybrid.get(1).score()).isCloseTo(2.0 / 62, within(1e-9));
    assertThat(hybrid).extracting(PostHit::semanticRank).containsExactly(3, 2, 1);
    assertThat(hybrid).extracting(PostHit::textRank).containsExactly(1, 2, null);

    List<PostHit> filtered = search.search(PostSearch.of("kestrel", SearchMode.HYBRID, 3)
        .where(where("{\"author\": {\"name\": \"Ann\"}, \"published\": true}")), VectorTable.MINILM, query,
        PostInclude.NONE, true);
    assertThat(titles(filtered)).containsExactly("near");
  }

  @Test
  void includesAuthorInTheSameStatementAndTagsInOneMore() {
    Fixtures db = new Fixtures(jdbc);
    int ann = db.user("Ann");
    int post = db.post(ann, "tagged", true);
    db.link(post, db.tag("birds"));
    embedAll(Map.of(post, axis(3, 4, 0f)));

    statements.reset();
    List<PostHit> hits = search.search(PostSearch.of("tagged", SearchMode.HYBRID, 5)
        .where(where("{\"tags\": {\"name\": \"birds\"}}")), VectorTable.MINILM, axis(3, 4, 0f), PostInclude.ALL, true);

    assertThat(hits).singleElement().satisfies(hit -> {
      assertThat(hit.post().author().name()).isEqualTo("Ann");
      assertThat(hit.post().tags()).extracting(t -> t.name()).containsExactly("birds");
    });
    assertThat(statements.statements()).hasSize(2);
  }

  @Test
  void badSearchesAreRefusedBeforeAnySql() {
    statements.reset();
    for (PostSearch bad : List.of(PostSearch.of("", SearchMode.HYBRID, 5), PostSearch.of(" ", SearchMode.TEXT, 5),
        PostSearch.of("x".repeat(1_001), SearchMode.TEXT, 5), PostSearch.of("a\0b", SearchMode.TEXT, 5),
        PostSearch.of("x", SearchMode.TEXT, 0), PostSearch.of("x", SearchMode.TEXT, 101),
        PostSearch.of("x", SearchMode.SEMANTIC, 5).efSearch(0), PostSearch.of("x", SearchMode.TEXT, 5).where(where("{\"nope\": 1}")))) {
      assertThatThrownBy(() -> search.search(bad, VectorTable.MINILM, axis(0, 1, 0), PostInclude.NONE, false))
          .isInstanceOf(InvalidQueryException.class);
    }
    assertThatThrownBy(() -> SearchMode.of("fuzzy")).isInstanceOf(InvalidQueryException.class).hasMessageContaining("semantic, text, hybrid");
    assertThat(statements.statements()).isEmpty();
  }

  @Test
  void aChangeAfterTheClaimStaysQueuedAndAnOlderVectorNeverReplacesANewerOne() {
    Fixtures db = new Fixtures(jdbc);
    int post = db.post(db.user("Ann"), "first", true);
    List<PendingPost> first = search.claim(10, Duration.ofMinutes(1));
    assertThat(first).singleElement().satisfies(p -> assertThat(p.text()).isEqualTo("first text"));
    assertThat(search.claim(10, Duration.ofMinutes(1))).as("claimed: leased to the first claimer").isEmpty();

    jdbc.sql("UPDATE posts SET title = 'second' WHERE id = ?").param(post).update();
    List<PendingPost> second = search.claim(10, Duration.ofMinutes(1));
    assertThat(second).singleElement().satisfies(p -> assertThat(p.revision()).isGreaterThan(first.get(0).revision()));

    search.store(VectorTable.MINILM, second, List.of(axis(5, 6, 0)));
    search.store(VectorTable.MINILM, first, List.of(axis(7, 8, 0)));

    assertThat(jdbc.sql("SELECT revision FROM post_vectors_minilm WHERE post_id = ?").param(post).query(Long.class).single())
        .isEqualTo(second.get(0).revision());
    assertThat(search.backlog()).isZero();
  }

  /**
   * A claim takes at most its batch whatever plan PostgreSQL picks. With the batch (LIMIT ... FOR
   * UPDATE SKIP LOCKED) as an IN subquery, a nested loop that ran it again for each outbox row, as
   * here with materialization off, claimed every waiting post: each run skipped the rows the UPDATE
   * had just written and took the next ones.
   */
  @Test
  void aClaimTakesAtMostItsBatchWhateverThePlan() {
    Fixtures db = new Fixtures(jdbc);
    int author = db.user("Ann");
    for (int i = 0; i < 40; i++) {
      db.post(author, "post " + i, true);
    }
    for (String planner : List.of("enable_hashjoin", "enable_mergejoin", "enable_material", "enable_hashagg", "enable_sort")) {
      jdbc.sql("SELECT set_config(?, 'off', true)").param(planner).query(String.class).single(); // this test's transaction only
    }

    List<PendingPost> first = search.claim(10, Duration.ofMinutes(1));
    List<PendingPost> second = search.claim(10, Duration.ofMinutes(1));

    assertThat(first).hasSize(10);
    assertThat(second).hasSize(10).extracting(PendingPost::postId).doesNotContainAnyElementsOf(first.stream().map(PendingPost::postId).toList());
  }

  @Test
  void aPostDeletedWhileItIsEmbeddedLeavesNothingBehind() {
    Fixtures db = new Fixtures(jdbc);
    int post = db.post(db.user("Ann"), "short-lived", true);
    List<PendingPost> claimed = search.claim(10, Duration.ofMinutes(1));

    jdbc.sql("DELETE FROM posts WHERE id = ?").param(post).update();
    search.store(VectorTable.MINILM, claimed, List.of(axis(9, 10, 0)));

    assertThat(db.count("SELECT count(*) FROM post_vectors_minilm WHERE post_id = ?", post)).isZero();
    assertThat(search.backlog()).isZero();
  }

  @Test
  void aFailureIsRecordedAndTheRowsWaitForTheRetry() {
    Fixtures db = new Fixtures(jdbc);
    db.post(db.user("Ann"), "unlucky", true);
    List<PendingPost> claimed = search.claim(10, Duration.ofMinutes(1));

    search.fail(claimed, "model out of memory", Duration.ofMinutes(5));

    assertThat(search.lastError()).isEqualTo("model out of memory");
    assertThat(search.backlog()).isEqualTo(1);
    assertThat(search.claim(10, Duration.ofMinutes(1))).isEmpty();
  }

  /**
   * The statement's shape lets each index serve its side: ORDER BY distance LIMIT N over the vector
   * table, joined and filtered, and @@ over posts. At this size the planner prefers an exact sort of
   * all vectors (cheaper than the HNSW scan's start-up below some 10,000 rows), so sequential scans
   * and sorts are priced out here (with scans alone, an exact sort over the primary keys won or lost
   * by a hair, with the random vectors and with the index pages earlier runs' rolled-back rows left);
   * at 100,000 posts it picks both indexes by itself (docs/benchmarks.md, the plan printed by the
   * search benchmark).
   */
  @Test
  void bothIndexesServeTheSearchAndASelectiveFilterStillGetsKRows() {
    Fixtures db = new Fixtures(jdbc);
    int many = db.user("Many");
    int few = db.user("Few");
    jdbc.sql("""
        INSERT INTO posts (title, content, published, "authorId")
        SELECT 'post ' || g, 'about topic ' || (g % 97) || CASE WHEN g % 600 = 0 THEN ' zephyrine' ELSE '' END,
               true, CASE WHEN g % 100 = 0 THEN ? ELSE ? END
        FROM generate_series(1, 3000) g""").params(few, many).update();
    jdbc.sql("""
        INSERT INTO post_vectors_minilm (post_id, revision, embedding)
        SELECT p.id, 0, v.embedding FROM posts p,
          LATERAL (SELECT array_agg(random() + i * 0 + p.id * 0)::vector(384) AS embedding FROM generate_series(1, 384) i) v""")
        .update();
    jdbc.sql("ANALYZE posts").update();
    jdbc.sql("ANALYZE post_vectors_minilm").update();
    jdbc.sql("SET LOCAL enable_seqscan = off").update();
    jdbc.sql("SET LOCAL enable_sort = off").update();
    float[] query = new float[384];
    Arrays.fill(query, 0.5f);

    PostSearch hybrid = PostSearch.of("zephyrine", SearchMode.HYBRID, 10).where(where("{\"published\": true}"));
    assertThat(String.join("\n", search.explain(hybrid, VectorTable.MINILM, query)))
        .contains("Index Scan using idx_post_vectors_minilm")
        .contains("Bitmap Index Scan on idx_posts_search_text");

    // 1 % of the posts pass: an HNSW scan goes on past ef_search (40) candidates until 10 do.
    PostSearch selective = PostSearch.of("anything", SearchMode.SEMANTIC, 10).where(where("{\"author\": {\"name\": \"Few\"}}"));
    assertThat(search.search(selective, VectorTable.MINILM, query, PostInclude.NONE, true)).hasSize(10)
        .allSatisfy(hit -> assertThat(hit.post().authorId()).isEqualTo(few));
  }
}
