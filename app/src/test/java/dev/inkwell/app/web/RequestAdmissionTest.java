package dev.inkwell.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import dev.inkwell.app.Http;

/**
 * One request at a time is admitted here (inkwell.web.max-active-requests=1), and yet clients that
 * send their bodies or read their answers slowly stop nobody: each holds a Tomcat thread and some of
 * inkwell.web.buffer-memory, never the turn. Before {@link RequestAdmission}, the request threads were
 * the admission, and eight clients sending a byte a second stopped the service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "inkwell.security.token=test-token",
    "inkwell.web.max-active-requests=1",
    "inkwell.web.max-body-size=64KB",
    "inkwell.web.buffer-memory=16MB",
    "spring.datasource.hikari.connection-timeout=2000"})
class RequestAdmissionTest {

  private static final Duration PROMPTLY = Duration.ofSeconds(10);

  @LocalServerPort
  int port;
  @Autowired
  JdbcTemplate jdbc;
  Http http;
  int alice;
  final List<Socket> slow = new ArrayList<>();

  @BeforeEach
  void fixture() {
    http = new Http(port).withToken("test-token");
    jdbc.update("DELETE FROM users");
    alice = http.post("/api/users", "{\"email\": \"alice@example.com\", \"name\": \"Alice\"}").body().get("id").asInt();
  }

  @AfterEach
  void close() throws IOException {
    for (Socket socket : slow) {
      socket.close();
    }
  }

  /** A request whose body is {@code sent} of the {@code declared} bytes, and no more for now. */
  private void startSlowBody(int declared, String sent) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    slow.add(socket);
    OutputStream out = socket.getOutputStream();
    out.write(("POST /api/users/search HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + declared + "\r\n\r\n" + sent).getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** A GET of {@code path} whose answer is not read. */
  private void startSlowReader(String path) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress("127.0.0.1", port));
    slow.add(socket);
    socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void clientsSendingTheirBodiesSlowlyHoldNoTurn() throws Exception {
    for (int i = 0; i < 8; i++) {
      startSlowBody(1_000, "{");
    }
    Thread.sleep(200);

    assertTimeoutPreemptively(PROMPTLY, () -> {
      assertThat(http.get("/api/users/" + alice).status()).isEqualTo(200);
      assertThat(http.post("/api/users", "{\"email\": \"bob@example.com\", \"name\": \"Bob\"}").status()).isEqualTo(201);
      assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
    });
  }

  /** 200 posts of 60,000 characters: an answer of 12 MB, more than the sockets' buffers hold. */
  private String userWithBigPosts() {
    String content = "x".repeat(60_000);
    for (int i = 0; i < 200; i++) {
      http.post("/api/posts", "{\"title\": \"T" + i + "\", \"content\": \"" + content + "\", \"authorId\": " + alice + "}");
    }
    return "/api/users/" + alice + "?include=posts";
  }

  /** The answer waits in memory (16 MB here), not in the turn. */
  @Test
  void aClientThatDoesNotReadItsAnswerHoldsNoTurn() throws Exception {
    startSlowReader(userWithBigPosts());
    Thread.sleep(500);

    assertTimeoutPreemptively(PROMPTLY, () -> {
      Http.Response user = http.get("/api/users/" + alice);
      assertThat(user.status()).isEqualTo(200);
      assertThat(user.body().get("name").asString()).isEqualTo("Alice");
    });
  }

  /**
   * Memory stays bounded however many clients stop reading: an answer that does not fit in what is
   * left (the second 12 MB of 16) is written under its turn, which its client then holds, as without
   * the admission; the others wait for a turn and get a 503 after the pool's wait.
   */
  @Test
  void anAnswerBeyondTheMemoryIsWrittenUnderItsTurn() throws Exception {
    String big = userWithBigPosts();
    startSlowReader(big);
    Thread.sleep(500);
    startSlowReader(big);
    Thread.sleep(500);

    Http.Response waited = assertTimeoutPreemptively(PROMPTLY, () -> http.get("/api/users/" + alice));

    assertThat(waited.status()).isEqualTo(503);
    assertThat(waited.body().get("detail").asString())
        .isEqualTo("the service is busy: the request got no turn within 2000 ms; retry shortly");
  }

  /**
   * An export is not held to the turns (it streams, and takes a connection per chunk), but one with
   * snapshot=true holds a connection for as long as its client reads: at most one runs at once
   * (inkwell.export.max-snapshots), so slow readers cannot hold the pool.
   */
  @Test
  void aSnapshotExportReadSlowlyHoldsTheOnlySnapshotNotThePool() throws Exception {
    jdbc.update("INSERT INTO users (email, name, bio) SELECT 'u' || g || '@slow.test', 'U', repeat('b', 2000)"
        + " FROM generate_series(1, 4000) g");
    startSlowReader("/api/users/export?snapshot=true");
    Thread.sleep(500);

    assertTimeoutPreemptively(PROMPTLY, () -> {
      Http.Response second = http.get("/api/users/export?snapshot=true");
      assertThat(second.status()).isEqualTo(503);
      assertThat(second.body().get("detail").asString())
          .isEqualTo("at most 1 snapshot export run at once; retry shortly, or export without snapshot=true");
      Http.Response plain = http.get("/api/users/export?fields=id");
      assertThat(plain.status()).isEqualTo(200);
      assertThat(plain.raw().lines().count()).isEqualTo(4001);
      assertThat(http.get("/api/users/" + alice).status()).isEqualTo(200);
    });
  }

  /** Bodies read ahead share inkwell.web.buffer-memory (64 KB here): past it a request gets a 503 after the pool's wait, and changes nothing. */
  @Nested
  @TestPropertySource(properties = "inkwell.web.buffer-memory=64KB")
  class WithLittleMemory {

    @Test
    void bodiesBeyondTheirMemoryAre503() throws Exception {
      startSlowBody(60_000, "{\"where\": {\"name\": \"" + "x".repeat(59_000));
      Thread.sleep(300);

      Http.Response refused = assertTimeoutPreemptively(PROMPTLY,
          () -> http.post("/api/users", "{\"email\": \"carol@example.com\", \"name\": \"" + "C".repeat(90) + "\", \"bio\": \""
              + "b".repeat(8_000) + "\"}"));

      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.header("Retry-After")).isEqualTo("1");
      assertThat(refused.body().get("detail").asString())
          .isEqualTo("the service is busy: the request got no memory for its body within 2000 ms; retry shortly");
      assertThat(jdbc.queryForObject("SELECT count(*) FROM users", Integer.class)).isEqualTo(1);

      slow.get(0).close();
      Thread.sleep(300);
      assertThat(http.post("/api/users", "{\"email\": \"carol@example.com\", \"name\": \"Carol\"}").status()).isEqualTo(201);
    }

    /**
     * Every way a request can end gives its turn and its memory back: each body here is most of the
     * 64 KB, so one leak would make the next request wait and fail.
     */
    @Test
    void turnsAndMemoryComeBackHoweverARequestEnds() throws Exception {
      String big = "x".repeat(50_000);
      String search = "{\"where\": {\"name\": \"" + big + "\"}}";
      assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
        for (int i = 0; i < 10; i++) {
          assertThat(http.post("/api/users/search", search).status()).isEqualTo(200);
          assertThat(http.post("/api/users/search", "{\"where\": {\"name\": \"" + big).status()).isEqualTo(400);
          assertThat(http.post("/api/users", "{\"email\": \"b@example.com\", \"name\": \"" + big + "\"}").status())
              .isEqualTo(400);
          assertThat(http.patch("/api/users/999999999", "{\"bio\": \"" + big + "\"}").status()).isEqualTo(404);
          assertThat(http.send("DELETE", "/api/users", null).status()).isEqualTo(405);
          assertThat(http.post("/api/users/search", "{\"x\": \"" + "y".repeat(70_000) + "\"}").status()).isEqualTo(413);
        }
      });
      startSlowReader("/api/users/" + alice);
      slow.get(0).close();
      Thread.sleep(200);

      assertTimeoutPreemptively(PROMPTLY, () -> assertThat(http.post("/api/users/search", search).status()).isEqualTo(200));
    }
  }
}
