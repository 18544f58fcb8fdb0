package dev.inkwell.compat;

import static dev.inkwell.compat.Expect.equal;
import static dev.inkwell.compat.Expect.that;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.inkwell.posts.NewPost;
import dev.inkwell.posts.PendingPost;
import dev.inkwell.posts.Post;
import dev.inkwell.posts.PostHit;
import dev.inkwell.posts.PostInclude;
import dev.inkwell.posts.PostSearch;
import dev.inkwell.posts.PostSearchService;
import dev.inkwell.posts.SearchMode;
import dev.inkwell.posts.VectorTable;
import dev.inkwell.users.NewUser;

/**
 * What semantic and hybrid search over posts needs from the server: a generated tsvector with a GIN
 * index, the outbox trigger, HNSW over 384-dimension vectors and one-statement fusion (whether the
 * server embeds text itself is LimitChecks' "DB9's embedding() function"). Vectors are made by hand:
 * the model is not on trial.
 */
final class SearchChecks {

  static final String CATEGORY = "Semantic and full-text search";

  private SearchChecks() {
  }

  private static Check check(String name, Check.Body body) {
    return new Check(CATEGORY, name, true, body);
  }

  private static float[] axis(int i, int j, float tilt) {
    float[] v = new float[VectorTable.MINILM.dimension()];
    v[i] = 1;
    v[j] += tilt;
    return v;
  }

  private static Post post(CompatContext ctx, int author, String title, String content) {
    return ctx.posts.create(new NewPost(title, content, true, author));
  }

  private static int author(CompatContext ctx) {
    return ctx.users.create(NewUser.of("search@example.com", "Search", 30)).id();
  }

  static List<Check> all() {
    return List.of(
        check("posts.search_text: a generated tsvector, kept current, matched through its GIN index", ctx -> {
          int author = author(ctx);
          Post post = post(ctx, author, "Boiler fault F28", "ignition failed");
          equal(ctx.jdbc.queryForObject("SELECT search_text @@ websearch_to_tsquery('english', 'ignition') FROM posts WHERE id = ?",
              Boolean.class, post.id()), true, "matches its content");
          ctx.jdbc.update("UPDATE posts SET content = 'pressure dropped' WHERE id = ?", post.id());
          equal(ctx.jdbc.queryForObject("SELECT search_text @@ websearch_to_tsquery('english', 'pressure') FROM posts WHERE id = ?",
              Boolean.class, post.id()), true, "follows an update");
          ctx.jdbc.queryForObject("SELECT set_config('enable_seqscan', 'off', true)", String.class);
          String plan = String.join("\n", ctx.jdbc.queryForList(
              "EXPLAIN SELECT id FROM posts WHERE search_text @@ websearch_to_tsquery('english', 'pressure')", String.class));
          that(plan.contains("idx_posts_search_text"), "the GIN index should serve @@: " + plan);
          return Outcome.pass();
        }),
        check("a post write records itself in the outbox (trigger); a delete leaves nothing", ctx -> {
          Post post = post(ctx, author(ctx), "queued", "text");
          equal(ctx.jdbc.queryForObject("SELECT count(*) FROM post_search_outbox WHERE post_id = ?", Long.class, post.id()), 1L,
              "outbox rows after insert");
          ctx.posts.delete(post.id());
          equal(ctx.jdbc.queryForObject("SELECT count(*) FROM post_search_outbox WHERE post_id = ?", Long.class, post.id()), 0L,
              "outbox rows after delete");
          return Outcome.pass();
        }),
        check("semantic, text and hybrid (reciprocal rank fusion in one statement) rank as computed by hand", ctx -> {
          PostSearchService search = ctx.spring.getBean(PostSearchService.class);
          int author = author(ctx);
          Map<Integer, float[]> vectors = Map.of(
              post(ctx, author, "near", "text").id(), axis(0, 1, 0.1f),
              post(ctx, author, "middle kestrel", "text").id(), axis(0, 1, 1f),
              post(ctx, author, "far kestrel kestrel", "text").id(), axis(1, 2, 0.1f));
          List<PendingPost> pending = search.claim(100, Duration.ofMinutes(1));
          search.store(VectorTable.MINILM, pending, pending.stream().map(p -> vectors.get(p.postId())).toList());
          float[] query = axis(0, 1, 0f);
          equal(titles(search.search(PostSearch.of("kestrel", SearchMode.SEMANTIC, 3), VectorTable.MINILM, query,
              PostInclude.NONE, true)), List.of("near", "middle kestrel", "far kestrel kestrel"), "semantic");
          equal(titles(search.search(PostSearch.of("kestrel", SearchMode.TEXT, 3), VectorTable.MINILM, null,
              PostInclude.NONE, true)), List.of("far kestrel kestrel", "middle kestrel"), "text");
          equal(titles(search.search(PostSearch.of("kestrel", SearchMode.HYBRID, 3), VectorTable.MINILM, query,
              PostInclude.NONE, true)), List.of("far kestrel kestrel", "middle kestrel", "near"), "hybrid");
          return Outcome.pass();
        }),
        check("hybrid search can read the HNSW index on post vectors and the GIN index on search_text (EXPLAIN)", ctx -> {
          PostSearchService search = ctx.spring.getBean(PostSearchService.class);
          ctx.jdbc.queryForObject("SELECT set_config('enable_seqscan', 'off', true)", String.class);
          String plan = String.join("\n", search.explain(PostSearch.of("kestrel", SearchMode.HYBRID, 5), VectorTable.MINILM,
              axis(0, 1, 0f)));
          that(plan.contains("idx_post_vectors_minilm"), "the HNSW index should serve the vector side: " + plan);
          that(plan.contains("idx_posts_search_text"), "the GIN index should serve the text side: " + plan);
          return Outcome.pass();
        }));
  }

  private static List<String> titles(List<PostHit> hits) {
    return hits.stream().map(hit -> hit.post().title()).toList();
  }
}
