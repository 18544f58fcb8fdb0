package dev.inkwell.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.inkwell.migrations.testing.TestDatabaseSettings;

/** {@code java -jar inkwell.jar reindex} as a user runs it: the packaged jar, no web server, exit code 0. */
class ReindexJarIT {

  @Test
  void reindexEmbedsEveryPostAndExits() throws Exception {
    JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(TestDatabaseSettings.url(), TestDatabaseSettings.username(),
        TestDatabaseSettings.password()));
    jdbc.sql("DELETE FROM users").update();
    jdbc.sql("DELETE FROM post_search_reindex").update();
    int author = jdbc.sql("INSERT INTO users (email, name) VALUES ('reindex@example.com', 'R') RETURNING id").query(Integer.class).single();
    jdbc.sql("INSERT INTO posts (title, content, \"authorId\") SELECT 'post ' || g, 'text ' || g, ? FROM generate_series(1, 100) g")
        .param(author).update();

    Path log = Path.of("target", "reindex-jar.log");
    Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of("target", "inkwell.jar").toString(), "reindex",
        "--spring.datasource.url=" + TestDatabaseSettings.url(),
        "--spring.datasource.username=" + TestDatabaseSettings.username(),
        "--spring.datasource.password=" + TestDatabaseSettings.password()))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();

    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("reindex finished").isTrue();
    String output = Files.readString(log);
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("Embedding 100 posts").contains("100/100").contains("Done").doesNotContain("Tomcat started");
    assertThat(jdbc.sql("SELECT count(*) FROM post_vectors_minilm v JOIN posts p ON p.id = v.post_id WHERE p.\"authorId\" = ?")
        .param(author).query(Long.class).single()).isEqualTo(100);
    assertThat(jdbc.sql("SELECT count(*) FROM post_search_outbox").query(Long.class).single()).isZero();
  }
}
