package dev.inkwell.posts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.embedder.InProcessTextEmbedder;
import dev.inkwell.posts.SearchFixture.FixtureQuery;

/**
 * Search quality with the real model (all-MiniLM-L6-v2, in-process) on the search fixture: top-1 and
 * recall@5 of each mode for paraphrases, exact terms and both. The figures go to
 * target/search-quality.md (docs/benchmarks.md quotes them).
 */
@PostsDataTest
class PostSearchQualityTest {

  private static final InProcessTextEmbedder MODEL = new InProcessTextEmbedder(2);

  @Autowired
  PostSearchService search;
  @Autowired
  JdbcClient jdbc;

  @AfterAll
  static void close() {
    MODEL.close();
  }

  record Score(int top1, int recall5, int queries) {
    double top1Share() {
      return (double) top1 / queries;
    }

    double recall5Share() {
      return (double) recall5 / queries;
    }
  }

  @Test
  void hybridRecallsAtLeastWhatTheBetterModeRecallsOnTheMixedSet() throws IOException {
    new Fixtures(jdbc);
    Map<String, Integer> ids = SearchFixture.insert(jdbc);
    List<PendingPost> pending = search.claim(1_000, Duration.ofMinutes(5));
    assertThat(pending).hasSize(200);
    search.store(VectorTable.MINILM, pending, MODEL.embed(pending.stream().map(PendingPost::text).toList()));
    assertThat(search.backlog()).isZero();

    List<FixtureQuery> queries = SearchFixture.queries();
    List<float[]> vectors = MODEL.embed(queries.stream().map(FixtureQuery::text).toList());
    Map<SearchMode, Score[]> scores = new EnumMap<>(SearchMode.class);
    for (SearchMode mode : SearchMode.values()) {
      int[][] hits = new int[2][3]; // [top1, recall5] x [paraphrase, exact, all]
      for (int i = 0; i < queries.size(); i++) {
        FixtureQuery query = queries.get(i);
        List<Integer> found = search.search(PostSearch.of(query.text(), mode, 5), VectorTable.MINILM, vectors.get(i),
            PostInclude.NONE, false).stream().map(hit -> hit.post().id()).toList();
        int expected = ids.get(query.expected());
        int kind = "paraphrase".equals(query.kind()) ? 0 : 1;
        if (!found.isEmpty() && found.get(0) == expected) {
          hits[0][kind]++;
          hits[0][2]++;
        }
        if (found.contains(expected)) {
          hits[1][kind]++;
          hits[1][2]++;
        }
      }
      int paraphrases = count(queries, q -> "paraphrase".equals(q.kind()));
      scores.put(mode, new Score[] {
          new Score(hits[0][0], hits[1][0], paraphrases),
          new Score(hits[0][1], hits[1][1], queries.size() - paraphrases),
          new Score(hits[0][2], hits[1][2], queries.size())});
    }
    report(scores);

    double semantic = scores.get(SearchMode.SEMANTIC)[2].recall5Share();
    double text = scores.get(SearchMode.TEXT)[2].recall5Share();
    assertThat(scores.get(SearchMode.HYBRID)[2].recall5Share()).isGreaterThanOrEqualTo(Math.max(semantic, text));
    // Each side does what it is for: meaning for paraphrases, words for exact terms.
    assertThat(scores.get(SearchMode.SEMANTIC)[0].recall5Share()).isGreaterThan(scores.get(SearchMode.TEXT)[0].recall5Share());
    assertThat(scores.get(SearchMode.TEXT)[1].recall5Share()).isEqualTo(1.0);
  }

  private static int count(List<FixtureQuery> queries, Predicate<FixtureQuery> which) {
    return (int) queries.stream().filter(which).count();
  }

  private static void report(Map<SearchMode, Score[]> scores) throws IOException {
    StringBuilder table = new StringBuilder("""
        | mode | paraphrases (50): top-1 / recall@5 | exact terms (20): top-1 / recall@5 | all (70): top-1 / recall@5 |
        |---|---|---|---|
        """);
    scores.forEach((mode, s) -> table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", mode.jsonName(),
        shares(s[0]), shares(s[1]), shares(s[2]))));
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "search-quality.md"), table);
  }

  private static String shares(Score score) {
    return String.format(Locale.ROOT, "%.2f / %.2f", score.top1Share(), score.recall5Share());
  }
}
