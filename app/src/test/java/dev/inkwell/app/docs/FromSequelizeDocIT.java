package dev.inkwell.app.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.inkwell.app.RunningJar;

/**
 * Every curl line of docs/from-sequelize.md, run in order with bash against the packaged jar on
 * freshly emptied tables (so the ids the page uses are the ones the rows get): each must succeed.
 */
class FromSequelizeDocIT {

  final JdbcTemplate jdbc = RunningJar.database();

  static List<String> curlLines() throws Exception {
    List<String> lines = new ArrayList<>();
    boolean inBash = false;
    for (String line : Files.readAllLines(Path.of("..", "docs", "from-sequelize.md"), StandardCharsets.UTF_8)) {
      if (line.startsWith("```")) {
        inBash = line.equals("```bash");
      } else if (inBash && line.startsWith("curl ")) {
        lines.add(line);
      }
    }
    return lines;
  }

  @Test
  void everyCurlLineOfTheGuideTranslationWorks() throws Exception {
    jdbc.execute("TRUNCATE users, tags, embeddings RESTART IDENTITY CASCADE");
    jdbc.execute("ALTER SEQUENCE posts_id_seq RESTART");
    List<String> lines = curlLines();
    assertThat(lines).hasSizeGreaterThan(30);

    try (RunningJar jar = RunningJar.start("from-sequelize", "--inkwell.security.token=doc-token")) {
      for (String line : lines) {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", line + " > /dev/null").redirectErrorStream(true);
        pb.environment().put("BASE", jar.baseUrl());
        pb.environment().put("TOKEN", "doc-token");
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(line + "\n" + output).isZero();
      }
    }
    assertThat(jdbc.queryForObject("SELECT name FROM users WHERE id = 1", String.class)).isEqualTo("Alice V2");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM users WHERE email = 'carol@example.com'", Integer.class)).isZero();
  }
}
