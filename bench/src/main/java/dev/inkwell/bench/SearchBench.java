package dev.inkwell.bench;

import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.context.ApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.inkwell.app.posts.PostUseCases;
import dev.inkwell.app.search.SearchUseCases;
import dev.inkwell.embedder.InProcessTextEmbedder;
import dev.inkwell.posts.NewPost;
import dev.inkwell.posts.PostInclude;
import dev.inkwell.posts.PostSearch;
import dev.inkwell.posts.PostSearchService;
import dev.inkwell.posts.SearchMode;
import dev.inkwell.posts.VectorTable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Semantic search, as deployed (the service's context with its background worker): the in-process
 * model's throughput by batch size and threads; the outbox lag (post committed to vector stored)
 * while posts are written at a steady rate through PostUseCases; then, with the worker stopped,
 * search latency per mode through SearchUseCases (query embedded by the model, then one statement)
 * over 100,000 posts of random English words whose vectors are random (embedding them all would take
 * the model most of an hour here; the HNSW index works the same on them, the text side on real words).
 */
@Component
class SearchBench {

  private static final String[] WORDS = ("garden soil water plant root seed flower tomato compost leaf bread flour "
      + "yeast oven butter sugar salt knife pan soup money bank loan debt rent salary budget saving interest tax "
      + "star planet moon telescope orbit galaxy comet light night sky database query index table server code test "
      + "commit deploy memory thread cache bike wheel chain tyre ride run race muscle swim train travel flight train "
      + "hotel beach mountain river city map passport guitar piano violin drum song chord melody rhythm concert dog "
      + "cat puppy kitten bird fish leash collar vet food house wall paint floor door window roof pipe drill boiler "
      + "winter summer spring autumn rain snow wind storm morning evening family friend school teacher book story "
      + "paper letter phone camera picture film music voice road car engine fuel battery repair broken quiet loud "
      + "small large early late fast slow warm cold fresh old new green blue red bright dark simple careful").split(" ");

  private final InProcessTextEmbedder model;
  private final SearchUseCases search;
  private final PostSearchService posts;
  private final PostUseCases postUseCases;
  private final JdbcTemplate jdbc;
  private final ApplicationContext context;

  SearchBench(InProcessTextEmbedder model, SearchUseCases search, PostSearchService posts, PostUseCases postUseCases,
      JdbcTemplate jdbc, ApplicationContext context) {
    this.model = model;
    this.search = search;
    this.posts = posts;
    this.postUseCases = postUseCases;
    this.jdbc = jdbc;
    this.context = context;
  }

  private static String sentence(Random random, int words) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < words; i++) {
      text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return text.toString();
  }

  String run(boolean quick) throws Exception {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("benchmark", "search");
    report.put("model", model.model());
    report.put("embedding", throughput(quick));
    report.put("outboxLag", lag(quick));
    context.getBean("embeddingWorker", Lifecycle.class).stop();
    report.put("search", latency(quick));
    return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(report);
  }

  /** Texts per second of 24-word texts (a title and a short post), by batch size, on 1 and 2 threads. */
  private List<Map<String, Object>> throughput(boolean quick) {
    Random random = new Random(42);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < (quick ? 128 : 1_024); i++) {
      texts.add(sentence(random, 24));
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    try (InProcessTextEmbedder twoThreads = new InProcessTextEmbedder(2)) {
      for (InProcessTextEmbedder embedder : List.of(model, twoThreads)) {
        embedder.embed(texts.subList(0, 32)); // warm-up
        for (int batch : new int[] {1, 8, 32, 128}) {
          long start = System.nanoTime();
          for (int from = 0; from < texts.size(); from += batch) {
            embedder.embed(texts.subList(from, Math.min(texts.size(), from + batch)));
          }
          double seconds = (System.nanoTime() - start) / 1e9;
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("threads", embedder == model ? 1 : 2);
          row.put("batch", batch);
          row.put("textsPerSecond", Measure.round(texts.size() / seconds, 1));
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /** Posts written through PostUseCases at a steady rate while the worker embeds them: lag per post from the database's clock. */
  private Map<String, Object> lag(boolean quick) throws Exception {
    int author = jdbc.queryForObject("INSERT INTO users (email, name) VALUES ('bench-lag@example.com', 'Lag') RETURNING id", Integer.class);
    int perSecond = 20;
    int seconds = quick ? 3 : 30;
    Random random = new Random(7);
    AtomicLong maxBacklog = new AtomicLong();
    ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
    long started = System.nanoTime();
    writer.scheduleAtFixedRate(() -> postUseCases.create(new NewPost(sentence(random, 8), sentence(random, 40), true, author)),
        0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    while (System.nanoTime() - started < Duration.ofSeconds(seconds).toNanos()) {
      maxBacklog.accumulateAndGet(posts.backlog(), Math::max);
      Thread.sleep(100);
    }
    writer.shutdown();
    writer.awaitTermination(10, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (posts.backlog() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    Map<String, Object> lag = new LinkedHashMap<>(jdbc.queryForMap("""
        SELECT count(*) AS posts,
               round(1000 * extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY v.embedded_at - p."createdAt"))) AS "p50Ms",
               round(1000 * extract(epoch FROM percentile_cont(0.99) WITHIN GROUP (ORDER BY v.embedded_at - p."createdAt"))) AS "p99Ms",
               round(1000 * extract(epoch FROM max(v.embedded_at - p."createdAt"))) AS "maxMs"
        FROM posts p JOIN post_vectors_minilm v ON v.post_id = p.id WHERE p."authorId" = ?""", author));
    lag.put("writesPerSecond", perSecond);
    lag.put("seconds", seconds);
    lag.put("maxBacklog", maxBacklog.get());
    lag.put("backlogAfter", posts.backlog());
    return lag;
  }

  /** Searches per mode over N posts (k 10, one client, after a warm-up): p50, p99, searches/s; and the plan. */
  private Map<String, Object> latency(boolean quick) {
    int rows = quick ? 5_000 : 100_000;
    int author = jdbc.queryForObject("INSERT INTO users (email, name) VALUES ('bench-search@example.com', 'S') RETURNING id", Integer.class);
    String index = jdbc.queryForObject("SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_post_vectors_minilm'", String.class);
    jdbc.execute("DROP INDEX idx_post_vectors_minilm");
    jdbc.update("""
        INSERT INTO posts (title, content, published, "authorId")
        SELECT (SELECT string_agg(w[1 + floor(random() * cardinality(w))::int + i * 0], ' ') FROM generate_series(1, 6 + g % 2) i),
               (SELECT string_agg(w[1 + floor(random() * cardinality(w))::int + i * 0], ' ') FROM generate_series(1, 40 + g % 2) i),
               true, ?
        FROM generate_series(1, ?) g, (SELECT CAST(? AS text[]) AS w) words""", author, rows, WORDS);
    jdbc.update("""
        INSERT INTO post_vectors_minilm (post_id, revision, embedding)
        SELECT p.id, 0, (SELECT array_agg(random() - 0.5 + i * 0 + p.id * 0)::vector(384) FROM generate_series(1, 384) i)
        FROM posts p WHERE p."authorId" = ?""", author);
    long built = System.nanoTime();
    jdbc.execute((ConnectionCallback<Void>) c -> {
      try (Statement s = c.createStatement()) {
        // One connection: a build longer than the service's statement timeout, with room to build in memory.
        s.execute("SET statement_timeout = 0");
        s.execute("SET maintenance_work_mem = '1GB'");
        s.execute(index);
        s.execute("RESET statement_timeout");
        s.execute("RESET maintenance_work_mem");
      }
      return null;
    });
    double buildSeconds = (System.nanoTime() - built) / 1e9;
    jdbc.execute("DELETE FROM post_search_outbox");
    jdbc.execute("VACUUM ANALYZE posts");
    jdbc.execute("VACUUM ANALYZE post_vectors_minilm");

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("posts", rows);
    result.put("hnswBuildSeconds", Measure.round(buildSeconds, 1));
    String plan = String.join("\n", posts.explain(PostSearch.of("garden water", SearchMode.HYBRID, 10), VectorTable.MINILM,
        model.embed(List.of("garden water")).get(0)));
    result.put("hybridPlanUsesHnsw", plan.contains("Index Scan using idx_post_vectors_minilm"));
    result.put("hybridPlanUsesGin", plan.contains("idx_posts_search_text"));
    Random random = new Random(11);
    int count = quick ? 50 : 500;
    for (SearchMode mode : SearchMode.values()) {
      for (int i = 0; i < 50; i++) {
        search.search(PostSearch.of(sentence(random, 2), mode, 10), PostInclude.NONE);
      }
      long[] nanos = new long[count];
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        String query = sentence(random, 2 + i % 2);
        long one = System.nanoTime();
        search.search(PostSearch.of(query, mode, 10), PostInclude.NONE);
        nanos[i] = System.nanoTime() - one;
      }
      result.put(mode.jsonName(), Measure.figures(count, System.nanoTime() - start, nanos, "searchesPerSecond"));
    }
    return result;
  }
}
