package dev.inkwell.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.inkwell.Application;
import dev.inkwell.app.Http;
import dev.inkwell.app.Http.Response;

/**
 * The service under hostile or unlucky conditions, on the real database: a bearer token for writes,
 * size limits, a statement timeout, an exhausted pool, killed connections, and error bodies that say
 * nothing about internals.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "inkwell.security.token=test-token",
    "inkwell.web.max-body-size=64KB",
    "inkwell.web.max-bulk-rows=100",
    "inkwell.statement-timeout=2s",
    "spring.datasource.hikari.connection-timeout=500",
    "spring.datasource.hikari.data-source-properties.ApplicationName=inkwell-hardening"})
class HardeningTest {

  @LocalServerPort
  int port;
  @Autowired
  JdbcTemplate jdbc;
  @Value("${spring.datasource.url}")
  String url;
  @Value("${spring.datasource.username}")
  String user;
  @Value("${spring.datasource.password}")
  String password;
  Http anonymous;
  Http authorized;
  int alice;

  @BeforeEach
  void fixture() {
    anonymous = new Http(port);
    authorized = anonymous.withToken("test-token");
    jdbc.update("DELETE FROM users");
    alice = authorized.post("/api/users", "{\"email\": \"alice@example.com\", \"name\": \"Alice\"}").body().get("id").asInt();
  }

  private static void assertProblem(Response r, int status) {
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.raw()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("SELECT").doesNotContain("INSERT");
  }

  // ------------------------------------------------------------------ security

  @Test
  void writesWithoutTheRightTokenAre401AndChangeNothing() {
    assertProblem(anonymous.post("/api/users", "{\"email\": \"b@example.com\", \"name\": \"B\"}"), 401);
    assertProblem(anonymous.withToken("wrong-token").delete("/api/users/" + alice), 401);
    assertProblem(anonymous.patch("/api/users/" + alice, "{\"name\": \"X\"}"), 401);

    assertThat(jdbc.queryForObject("SELECT name FROM users WHERE id = ?", String.class, alice)).isEqualTo("Alice");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM users", Integer.class)).isEqualTo(1);
  }

  @Test
  void readsNeedNoToken() {
    assertThat(anonymous.get("/api/users/" + alice).status()).isEqualTo(200);
    assertThat(anonymous.post("/api/users/search", "{}").status()).isEqualTo(200);
  }

  @Test
  void writesWithTheTokenGoThrough() {
    assertThat(authorized.post("/api/users", "{\"email\": \"b@example.com\", \"name\": \"B\"}").status()).isEqualTo(201);
  }

  @Test
  void listeningBeyondLoopbackWithoutATokenIsRefused() {
    Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(Application.class)
        .run("--server.port=0", "--server.address=0.0.0.0", "--inkwell.security.token=").close());

    assertThat(failure).hasStackTraceContaining("refusing to serve the API beyond this machine without authentication");
  }

  @Test
  void errorBodiesGiveNothingAway() {
    assertProblem(authorized.post("/api/users", "{not json"), 400);
    assertProblem(authorized.post("/api/users", "{\"email\": \"alice@example.com\", \"name\": \"Dup\"}"), 409);
    assertProblem(anonymous.get("/api/users/not-a-number"), 400);
    assertProblem(anonymous.get("/api/nothing-here"), 404);
  }

  // ------------------------------------------------------------------ text

  /**
   * {@code "\ud800"} is valid JSON but no character: the driver would store {@code ?} for it, the
   * embedding model fails on it. Every text of a body is checked, wherever it sits.
   */
  @Test
  void anUnpairedSurrogateAnywhereInABodyIs400NamingWhereAndChangesNothing() {
    int post = authorized.post("/api/posts", "{\"title\": \"T\", \"content\": \"C\", \"authorId\": " + alice + "}")
        .body().get("id").asInt();
    int tags = jdbc.queryForObject("SELECT count(*) FROM tags", Integer.class);
    String lone = "x\\ud800y";
    List<String[]> cases = List.of(
        new String[] {"POST", "/api/users", "{\"email\": \"b@example.com\", \"name\": \"" + lone + "\"}", "name"},
        new String[] {"POST", "/api/users", "{\"email\": \"b@example.com\", \"name\": \"B\", "
            + "\"metadata\": {\"a\": {\"b\": [\"ok\", \"\\udc00\"]}}}", "metadata.a.b[1]"},
        new String[] {"POST", "/api/users/bulk", "[{\"email\": \"b@example.com\", \"name\": \"B\"}, "
            + "{\"email\": \"c@example.com\", \"name\": \"" + lone + "\"}]", "[1].name"},
        new String[] {"PATCH", "/api/users/" + alice, "{\"name\": \"" + lone + "\"}", "name"},
        new String[] {"PUT", "/api/users/by-email/alice@example.com", "{\"name\": \"A\", \"metadata\": {\"k\": \""
            + lone + "\"}}", "metadata.k"},
        new String[] {"PUT", "/api/posts/" + post + "/tags", "{\"names\": [\"ok\", \"" + lone + "\"]}", "names[1]"},
        new String[] {"POST", "/api/users/search", "{\"where\": {\"name\": {\"$in\": [\"" + lone + "\"]}}}",
            "where.name.$in[0]"},
        new String[] {"POST", "/api/posts/search/semantic", "{\"query\": \"" + lone + "\"}", "query"});

    for (String[] c : cases) {
      Response refused = authorized.send(c[0], c[1], c[2]);
      assertProblem(refused, 400);
      assertThat(refused.body().get("field").asString()).as(c[1]).isEqualTo(c[3]);
      assertThat(refused.body().get("detail").asString()).as(c[1])
          .isEqualTo(c[3] + " is not well-formed Unicode text: it holds an unpaired UTF-16 surrogate");
    }
    assertThat(jdbc.queryForList("SELECT name || coalesce(metadata::text, '') FROM users", String.class))
        .containsExactly("Alice");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM tags", Integer.class)).isEqualTo(tags);

    // A surrogate pair is one character, stored as sent.
    Response pair = authorized.post("/api/users", "{\"email\": \"p@example.com\", \"name\": \"\\ud83d\\ude00\"}");
    assertThat(pair.status()).isEqualTo(201);
    assertThat(jdbc.queryForObject("SELECT name FROM users WHERE email = 'p@example.com'", String.class))
        .isEqualTo("\ud83d\ude00");
  }

  // ------------------------------------------------------------------ size limits

  @Test
  void aBodyOverTheLimitIs413() {
    String big = "{\"email\": \"big@example.com\", \"name\": \"Big\", \"bio\": \"" + "x".repeat(70_000) + "\"}";

    Response tooLarge = authorized.post("/api/users", big);
    assertProblem(tooLarge, 413);
    assertThat(tooLarge.raw()).contains("\"title\":\"Content Too Large\"", "\"status\":413");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM users", Integer.class)).isEqualTo(1);
  }

  @Test
  void aBulkOverTheLimitIs400() {
    String tooMany = IntStream.range(0, 101).mapToObj(i -> "{\"email\": \"u" + i + "@example.com\", \"name\": \"U\"}")
        .collect(Collectors.joining(",", "[", "]"));

    Response bulk = authorized.post("/api/users/bulk", tooMany);

    assertProblem(bulk, 400);
    assertThat(bulk.body().get("detail").asString()).isEqualTo("at most 100 rows per bulk request, got 101");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM users", Integer.class)).isEqualTo(1);
  }

  /** New names make new tags: a post's tag list is a bulk write too. An empty one clears the tags. */
  @Test
  void aTagListOverTheBulkLimitIs400AndChangesNothing() {
    int post = authorized.post("/api/posts", "{\"title\": \"T\", \"content\": \"C\", \"authorId\": " + alice + "}")
        .body().get("id").asInt();
    String names = IntStream.range(0, 101).mapToObj(i -> "\"t" + i + "\"").collect(Collectors.joining(",", "[", "]"));
    String ids = IntStream.range(1, 102).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
    int tagsBefore = jdbc.queryForObject("SELECT count(*) FROM tags", Integer.class);

    Response byName = authorized.put("/api/posts/" + post + "/tags", "{\"names\": " + names + "}");
    Response byId = authorized.post("/api/posts/" + post + "/tags", "{\"tagIds\": " + ids + "}");

    assertProblem(byName, 400);
    assertThat(byName.body().get("field").asString()).isEqualTo("names");
    assertProblem(byId, 400);
    assertThat(byId.body().get("detail").asString()).isEqualTo("at most 100 rows per bulk request, got 101");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM tags", Integer.class)).isEqualTo(tagsBefore);
    assertThat(authorized.put("/api/posts/" + post + "/tags", "{\"names\": [\"one\"]}").status()).isEqualTo(200);
    assertThat(authorized.put("/api/posts/" + post + "/tags", "{\"tagIds\": []}").body()).isEmpty();
  }

  @Test
  void anEmptyBulkIs400() {
    assertProblem(authorized.post("/api/users/bulk", "[]"), 400);
  }

  @Test
  void aPageSizeIsCappedAt100() {
    assertThat(anonymous.get("/api/users?size=100000").body().get("size").asInt()).isEqualTo(100);
  }

  /** PageHelper's offset is an int: a page past it wrapped to a negative OFFSET the database refused. */
  @Test
  void aPagePastTheLargestOffsetIs400ForThePageAndTheLastOneIsEmpty() {
    Response past = anonymous.get("/api/posts?page=21474838&size=100");
    assertProblem(past, 400);
    assertThat(past.body().get("field").asString()).isEqualTo("page");
    assertThat(past.body().get("detail").asString()).contains("after=").doesNotContain("OFFSET must not be negative");

    Response last = anonymous.get("/api/posts?page=21474837&size=100");
    assertThat(last.status()).isEqualTo(200);
    assertThat(last.body().get("items")).isEmpty();
  }

  /**
   * 4,000 conditions (within this test's 64 KB body limit; the default 10 MB holds 60,000 such): sent
   * on, PostgreSQL's JIT compiled 4,000 for 50 s and 120,000 for over eleven minutes, past the
   * statement timeout, a cancel and the client's going away (docs/benchmarks.md).
   */
  @Test
  void aFilterOfThousandsOfConditionsIs400AndChangesNothing() {
    String conditions = String.join(",", java.util.Collections.nCopies(4_000, "{\"age\": 7}"));
    Response search = anonymous.post("/api/users/search", "{\"where\": {\"$or\": [" + conditions + "]}}");
    assertProblem(search, 400);
    assertThat(search.body().get("detail").asString()).isEqualTo("a filter may hold at most 100 conditions");

    Response delete = authorized.post("/api/users/delete", "{\"where\": {\"$or\": [" + conditions + "]}}");
    assertProblem(delete, 400);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM users", Integer.class)).isEqualTo(1);
  }

  /**
   * A number written in a path or a query string is decimal digits, at most 1000 of them: "1e999999999"
   * had been written out in full (a billion digits, an out-of-memory error from one GET), "0x..", "#.."
   * and other scripts' digits had read as the same id. A body's number beyond a double (1e400) had
   * been a 500. Each a 400 before any SQL.
   */
  @Test
  void aNumberIsDecimalDigitsAndAtMostAThousandOfThem() {
    assertThat(anonymous.get("/api/users/" + alice).status()).isEqualTo(200);
    assertThat(anonymous.get("/api/users/%20+" + alice).status()).isEqualTo(200);
    String hex = Integer.toHexString(alice);
    for (String id : List.of("0x" + hex, "%23" + hex, digits(alice, '\uff10'), digits(alice, '\u0660'), "1%20" + alice)) {
      Response r = anonymous.get("/api/users/" + id);
      assertProblem(r, 400);
      assertThat(r.body().get("detail").asString()).startsWith("Failed to convert 'id'");
    }
    assertProblem(anonymous.get("/api/reports/users/ranked-by-age?page=0x1"), 400);
    assertProblem(anonymous.get("/api/users?page=" + digits(1, '\uff10')), 400);
    assertProblem(anonymous.get("/api/users?age=" + digits(30, '\uff10')), 400);

    for (String query : List.of("age=1e999999999", "age[$gt]=1e999999999", "metadata.score[$gt]=1e999999999", "metadata.score=-1e1001")) {
      Response r = anonymous.get("/api/users?" + query);
      assertProblem(r, 400);
      assertThat(r.body().get("detail").asString()).endsWith("takes a number of at most 1000 digits before and after its point");
    }
    assertThat(anonymous.get("/api/users?metadata.score[$lt]=1e999").status()).isEqualTo(200);
    Response outOfRange = anonymous.get("/api/users?age=1e11");
    assertProblem(outOfRange, 400);
    assertThat(outOfRange.body().get("detail").asString()).isEqualTo("'age' is out of range for an integer: 1E+11");

    assertProblem(anonymous.post("/api/users/search", "{\"where\": {\"age\": {\"$gt\": 1e400}}}"), 400);
    assertProblem(anonymous.post("/api/users/search", "{\"where\": {\"metadata.score\": {\"$gt\": -1e400}}}"), 400);
    Response delete = authorized.post("/api/users/delete", "{\"where\": {\"$or\": [{\"id\": " + alice + "}, {\"age\": 1e400}]}}");
    assertProblem(delete, 400);
    assertThat(delete.body().get("detail").asString()).isEqualTo("'age' takes an integer, got double Infinity");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM users", Integer.class)).isEqualTo(1);
  }

  /**
   * Metadata as deep as a create's body may be (499 objects in the body's one) is stored and then
   * served wherever the user is: the answers nest it deeper than the body did (a page's items).
   */
  @Test
  void metadataAsDeepAsABodyMayHoldIsServedWhereverTheUserIs() {
    String deep = "{\"a\": ".repeat(499) + "1" + "}".repeat(499);
    Response created = authorized.post("/api/users", "{\"email\": \"deep@example.com\", \"name\": \"Deep\", \"metadata\": " + deep + "}");
    assertThat(created.status()).isEqualTo(201);
    int id = created.body().get("id").asInt();
    for (String path : List.of("/api/users/" + id, "/api/users?email=deep@example.com", "/api/users/" + id + "?include=posts.tags",
        "/api/users/export?email=deep@example.com")) {
      Response r = anonymous.get(path);
      assertThat(r.status()).as(path).isEqualTo(200);
      assertThat(r.raw()).as(path).contains("{\"a\":".repeat(499) + "1" + "}".repeat(499));
    }
    Response search = anonymous.post("/api/users/search", "{\"where\": {\"metadata\": {\"$hasKey\": \"a\"}}}");
    assertThat(search.status()).isEqualTo(200);
    assertThat(search.raw()).startsWith("{\"items\":[{\"id\":" + id + ",");
  }

  /**
   * A wildcard Content-Type (Spring's request headers throw on it: spring-framework#27957) had made
   * every route that reads a body, and the health endpoint, a 500.
   */
  @Test
  void aWildcardContentTypeIs415AndChangesNothing() {
    for (String type : List.of("*/*", "application/*", "text/*; charset=utf-8")) {
      java.util.Map<String, String> header = java.util.Map.of("Content-Type", type);
      for (Response r : List.of(anonymous.send("POST", "/api/users/search", "{}", header),
          authorized.send("PATCH", "/api/users/" + alice, "{\"name\": \"Mallory\"}", header),
          anonymous.send("GET", "/actuator/health", null, header))) {
        assertProblem(r, 415);
        assertThat(r.body().get("detail").asString()).isEqualTo("Content-Type must name one media type, such as application/json, not '" + type + "'");
      }
    }
    assertThat(jdbc.queryForObject("SELECT name FROM users WHERE id = ?", String.class, alice)).isEqualTo("Alice");
    assertThat(anonymous.send("GET", "/actuator/health", null, java.util.Map.of("Content-Type", "application/json")).status()).isEqualTo(200);
  }

  /** n written in the digits of the script whose zero is {@code zero}, percent-encoded. */
  private static String digits(int n, char zero) {
    StringBuilder text = new StringBuilder();
    String.valueOf(n).chars().forEach(c -> text.append((char) (zero + c - '0')));
    return java.net.URLEncoder.encode(text.toString(), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void kOverItsLimitIs400() {
    assertProblem(anonymous.post("/api/embeddings/search", "{\"vector\": [1, 2, 3], \"k\": 1000}"), 400);
  }

  @Test
  void aStringOverItsLengthIs400() {
    assertProblem(authorized.post("/api/users", "{\"email\": \"l@example.com\", \"name\": \"" + "n".repeat(101) + "\"}"), 400);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM users", Integer.class)).isEqualTo(1);
  }

  // ------------------------------------------------------------------ timeouts and the pool

  /** Holds an exclusive lock on users in a transaction of its own (outside the service's pool). */
  private Connection lockUsers() throws Exception {
    Connection c = DriverManager.getConnection(url, user, password);
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
    }
    return c;
  }

  @Test
  void aStatementThatRunsTooLongIsCancelledAndReportedAs504() throws Exception {
    Response r;
    long start = System.nanoTime();
    try (Connection lock = lockUsers()) {
      r = anonymous.get("/api/users/" + alice);
      lock.rollback();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertProblem(r, 504);
    assertThat(millis).isBetween(1_500L, 6_000L);
    assertThat(anonymous.get("/api/users/" + alice).status()).isEqualTo(200);
  }

  @Test
  void anExhaustedPoolAnswers503FastAndRecovers() throws Exception {
    List<CompletableFuture<Response>> held = new ArrayList<>();
    List<Response> extra = new ArrayList<>();
    long extraMillis;
    try (Connection lock = lockUsers()) {
      for (int i = 0; i < 5; i++) { // the pool's maximum: each waits on the lock holding a connection
        held.add(CompletableFuture.supplyAsync(() -> anonymous.get("/api/users/" + alice)));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (jdbc.getDataSource() != null && waiting() < 5 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      long start = System.nanoTime();
      for (int i = 0; i < 3; i++) {
        extra.add(anonymous.get("/api/users/" + alice));
      }
      extraMillis = (System.nanoTime() - start) / 1_000_000;
      lock.rollback();
    }
    for (CompletableFuture<Response> h : held) {
      assertThat(h.get(10, TimeUnit.SECONDS).status()).isIn(200, 504);
    }

    extra.forEach(r -> assertProblem(r, 503));
    assertThat(extra.get(0).raw()).contains("retry");
    assertThat(extraMillis).isLessThan(3 * 2_000L);
    assertThat(anonymous.get("/api/users/" + alice).status()).isEqualTo(200);
  }

  private int waiting() {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'inkwell-hardening' "
            + "AND wait_event_type = 'Lock'")) {
      rs.next();
      return rs.getInt(1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void killedConnectionsAreReplaced() throws Exception {
    assertThat(anonymous.get("/api/users/" + alice).status()).isEqualTo(200);
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'inkwell-hardening'");
    }

    Response first = anonymous.get("/api/users/" + alice);
    List<Integer> next = IntStream.range(0, 5).mapToObj(i -> anonymous.get("/api/users/" + alice).status()).toList();

    assertThat(first.status()).isIn(200, 503); // the request that met the dead connection fails cleanly, or the pool caught it
    assertThat(next).containsOnly(200);
  }
}
