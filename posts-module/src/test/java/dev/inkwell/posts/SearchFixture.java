package dev.inkwell.posts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The search fixture (src/test/resources/search): 200 posts in 10 topics and 70 queries with the
 * post each should find, 50 worded differently from it and 20 naming a code or name it contains.
 */
public final class SearchFixture {

  public record FixturePost(String key, String title, String content) {
  }

  public record FixtureQuery(String kind, String text, String expected) {
  }

  public static List<FixturePost> posts() {
    return read("/search/posts.tsv").stream().map(f -> new FixturePost(f[0], f[1], f[2])).toList();
  }

  public static List<FixtureQuery> queries() {
    return read("/search/queries.tsv").stream().map(f -> new FixtureQuery(f[0], f[1], f[2])).toList();
  }

  /** Inserts the posts (by one new author) with plain SQL: key → post id. */
  public static Map<String, Integer> insert(JdbcClient jdbc) {
    int author = jdbc.sql("INSERT INTO users (email, name) VALUES ('fixture-author@example.com', 'Fixture') RETURNING id")
        .query(Integer.class).single();
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (FixturePost post : posts()) {
      ids.put(post.key(), jdbc.sql("INSERT INTO posts (title, content, published, \"authorId\") VALUES (?, ?, true, ?) RETURNING id")
          .params(post.title(), post.content(), author).query(Integer.class).single());
    }
    return ids;
  }

  private static List<String[]> read(String resource) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        SearchFixture.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
      List<String[]> rows = new ArrayList<>();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(line.split("\t"));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private SearchFixture() {
  }
}
