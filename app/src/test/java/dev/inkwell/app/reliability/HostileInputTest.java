package dev.inkwell.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.inkwell.app.Http;
import dev.inkwell.app.Http.Response;
import dev.inkwell.app.TableChecksums;

/**
 * Hostile input over HTTP: SQL injection payloads in every place a request can put text (filter
 * fields, operators, values, order, include, attributes, JSONB keys and paths, vectors) are never
 * executed — every table's row count and checksum are the same afterwards — and randomly generated
 * or malformed queries and bodies get 200 or 400, never a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileInputTest {

  private static final List<String> PAYLOADS = List.of(
      "'; DROP TABLE users; --", "1; DELETE FROM users", "1 OR 1=1", "' OR '1'='1", "\" OR \"\"=\"",
      "id\"; DELETE FROM users; --", "$$; DELETE FROM users; $$", "'); TRUNCATE users CASCADE; --",
      "name = name; UPDATE users SET age = 0", "pg_sleep(3)", "1) UNION SELECT * FROM pg_user --",
      "metadata->>'role'", "(SELECT 1)", "\\'; DROP TABLE tags; --", "%' OR 1=1 --", "\u0000");

  @LocalServerPort
  int port;
  @Autowired
  JdbcTemplate jdbc;
  Http http;

  @BeforeEach
  void fixture() {
    http = new Http(port);
    jdbc.update("DELETE FROM users");
    jdbc.update("DELETE FROM tags");
    jdbc.update("DELETE FROM embeddings");
    jdbc.update("INSERT INTO users (email, name, age, metadata) VALUES ('a@h.test', 'Alice', 30, '{\"role\": \"admin\"}'), "
        + "('b@h.test', 'Bob', 25, NULL)");
    jdbc.update("INSERT INTO posts (title, content, \"authorId\") SELECT 'P', 'x', id FROM users");
    jdbc.update("INSERT INTO tags (name) VALUES ('db9')");
    jdbc.update("INSERT INTO post_tags (\"postId\", \"tagId\") SELECT p.id, t.id FROM posts p, tags t");
    jdbc.update("INSERT INTO embeddings (name, embedding) VALUES ('e', '[1,2,3]')");
  }

  private Map<String, String> checksums() {
    return TableChecksums.of(jdbc);
  }

  private static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String json(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\u0000", "\\u0000") + "\"";
  }

  @Test
  void injectionPayloadsAreNeverExecuted() {
    Map<String, String> before = checksums();
    List<Response> responses = new ArrayList<>();
    int user = jdbc.queryForObject("SELECT min(id) FROM users", Integer.class);
    for (String p : PAYLOADS) {
      responses.add(http.get("/api/users?name=" + q(p)));                          // value
      responses.add(http.get("/api/users?" + q(p) + "=1"));                        // field
      responses.add(http.get("/api/users?name[" + q(p) + "]=1"));                  // operator
      responses.add(http.get("/api/users?name[$iLike]=" + q(p)));                 // pattern
      responses.add(http.get("/api/users?order=" + q(p)));                         // order
      responses.add(http.get("/api/users?order=-" + q(p)));
      responses.add(http.get("/api/users?fields=id," + q(p)));                     // attributes
      responses.add(http.get("/api/users/" + user + "?include=" + q(p)));          // include path
      responses.add(http.get("/api/posts?include=" + q(p)));
      responses.add(http.get("/api/users?metadata." + q(p) + "=x"));               // JSONB path
      responses.add(http.get("/api/users?metadata[$hasKey]=" + q(p)));             // JSONB key
      responses.add(http.get("/api/reports/users/metadata?key=" + q(p)));
      responses.add(http.post("/api/users/search", "{\"where\": {" + json(p) + ": 1}}"));
      responses.add(http.post("/api/users/search", "{\"where\": {\"name\": {" + json(p) + ": 1}}}"));
      responses.add(http.post("/api/users/search", "{\"where\": {\"metadata\": {\"$contains\": {" + json(p) + ": " + json(p) + "}}}}"));
      responses.add(http.post("/api/users/search", "{\"order\": [[" + json(p) + ", \"DESC\"]]}"));
      responses.add(http.post("/api/users/search", "{\"order\": [[\"age\", " + json(p) + "]]}"));
      responses.add(http.post("/api/users/search", "{\"attributes\": [" + json(p) + "]}"));
      responses.add(http.post("/api/embeddings/search", "{\"vector\": " + json(p) + "}"));
      responses.add(http.post("/api/embeddings/search", "{\"vector\": [1, 2, 3], \"metric\": " + json(p) + "}"));
      responses.add(http.post("/api/embeddings/search", "{\"vector\": [1, 2, 3], \"where\": {\"name\": " + json(p) + "}}"));
      responses.add(http.get("/api/tags?name=" + q(p)));
      responses.add(http.get("/api/posts?title[$startsWith]=" + q(p)));
    }

    assertThat(responses).filteredOn(r -> r.status() != 200 && r.status() != 400).extracting(Response::raw).isEmpty();
    assertThat(checksums()).isEqualTo(before);
  }

  @Test
  void randomAndMalformedQueriesGet200Or400() {
    Random random = new Random(20261124);
    String[] fields = {"id", "name", "email", "age", "isActive", "bio", "metadata", "metadata.role", "createdAt", "nope", "", "a.b.c"};
    String[] ops = {"$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$notIn", "$between", "$like", "$iLike", "$startsWith",
        "$substring", "$is", "$not", "$contains", "$hasKey", "$or", "$and", "$bogus", ""};
    String[] values = {"1", "-1", "2147483648", "abc", "true", "null", "", "%", "_", "1,2", "2026-01-01T00:00:00Z", "{\"a\":1}",
        "[", "]", "{", "\\", "1e309", "NaN", "\u00e9\u00e8", "' OR 1=1"};
    String[] reserved = {"order", "fields", "page", "size", "include", "required"};
    Map<String, String> before = checksums();
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      StringBuilder query = new StringBuilder("/api/users?");
      int parts = 1 + random.nextInt(3);
      for (int p = 0; p < parts; p++) {
        if (random.nextInt(5) == 0) {
          query.append(reserved[random.nextInt(reserved.length)]);
        } else {
          query.append(q(fields[random.nextInt(fields.length)]));
          if (random.nextBoolean()) {
            query.append("[").append(q(ops[random.nextInt(ops.length)])).append("]");
          }
        }
        query.append("=").append(q(values[random.nextInt(values.length)])).append("&");
      }
      statuses.add(http.get(query.toString()).status());
      statuses.add(http.post("/api/users/search", randomJson(random, 3)).status());
    }

    assertThat(statuses).containsOnly(200, 400);
    assertThat(checksums()).isEqualTo(before);
  }

  /** A random JSON value; objects use filter-like keys so that parsers are reached, not just rejected. */
  private static String randomJson(Random random, int depth) {
    String[] keys = {"where", "order", "attributes", "limit", "offset", "name", "age", "$or", "$and", "$not", "$in",
        "$gte", "$between", "metadata", "metadata.role", "$contains", "bogus"};
    int kind = depth <= 0 ? random.nextInt(5) : random.nextInt(7);
    return switch (kind) {
      case 0 -> Integer.toString(random.nextInt(200) - 100);
      case 1 -> "\"" + keys[random.nextInt(keys.length)] + "\"";
      case 2 -> random.nextBoolean() ? "true" : "null";
      case 3 -> "1.5e" + random.nextInt(400);
      case 4 -> "\"%_\\\\\"";
      case 5 -> {
        StringBuilder array = new StringBuilder("[");
        for (int i = random.nextInt(3); i > 0; i--) {
          array.append(randomJson(random, depth - 1)).append(i > 1 ? "," : "");
        }
        yield array.append("]").toString();
      }
      default -> {
        StringBuilder object = new StringBuilder("{");
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
          object.append("\"").append(keys[random.nextInt(keys.length)]).append("\": ").append(randomJson(random, depth - 1))
              .append(i > 1 ? "," : "");
        }
        yield object.append("}").toString();
      }
    };
  }
}
