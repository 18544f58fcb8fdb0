package dev.inkwell.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.ibatis.builder.StaticSqlSource;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.mapping.SqlCommandType;
import org.apache.ibatis.session.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.inkwell.app.Http;
import io.micrometer.core.instrument.MeterRegistry;

/** Seeing what runs: the per-statement timer, the SQL log, and masked secrets. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"inkwell.sql.log=true", "logging.level.dev.inkwell.sql=INFO"})
@ExtendWith(OutputCaptureExtension.class)
class StatementObserverTest {

  @LocalServerPort
  int port;
  @Autowired
  MeterRegistry registry;
  @Autowired
  JdbcTemplate jdbc;

  private double calls(String statement) {
    var timer = registry.find("inkwell.mapper.statement").tag("statement", statement).timer();
    return timer == null ? 0 : timer.count();
  }

  @Test
  void everyStatementIsTimedAndLoggedWithItsIdParametersAndTime(CapturedOutput output) {
    jdbc.update("DELETE FROM users WHERE email = 'observed@example.com'");
    int id = jdbc.queryForObject("INSERT INTO users (email, name) VALUES ('observed@example.com', 'Observed') RETURNING id", Integer.class);
    String statement = "dev.inkwell.users.internal.UserMapper.selectById";
    double before = calls(statement);

    for (int i = 0; i < 3; i++) {
      assertThat(new Http(port).get("/api/users/" + id).status()).isEqualTo(200);
    }

    assertThat(calls(statement) - before).isEqualTo(3);
    assertThat(output).containsPattern("dev\\.inkwell\\.users\\.internal\\.UserMapper\\.selectById took [0-9.]+ ms; parameters \\[id=" + id + "\\]");
  }

  @Test
  void parametersNamedLikeSecretsAreMasked() {
    Configuration configuration = new Configuration();
    List<ParameterMapping> params = List.of(
        new ParameterMapping.Builder(configuration, "email", Object.class).build(),
        new ParameterMapping.Builder(configuration, "row.password", Object.class).build(),
        new ParameterMapping.Builder(configuration, "apiKey", Object.class).build(),
        new ParameterMapping.Builder(configuration, "names", Object.class).build());
    MappedStatement ms = new MappedStatement.Builder(configuration, "test.login",
        new StaticSqlSource(configuration, "SELECT ?, ?, ?, ?", params), SqlCommandType.SELECT).build();

    List<String> shown = StatementObserver.parameters(ms, Map.of("email", "e@example.com",
        "row", Map.of("password", "hunter2"), "apiKey", "k-123", "names", new String[] {"a", "b"}));

    assertThat(shown).containsExactly("email=e@example.com", "password=***", "apiKey=***", "names=String[2]");
  }

  /** A client's line break would start a forged log line. */
  @Test
  void controlCharactersInValuesAreEscaped() {
    Configuration configuration = new Configuration();
    MappedStatement ms = new MappedStatement.Builder(configuration, "test.find", new StaticSqlSource(configuration,
        "SELECT ?", List.of(new ParameterMapping.Builder(configuration, "name", Object.class).build())),
        SqlCommandType.SELECT).build();

    List<String> shown = StatementObserver.parameters(ms, Map.of("name", "x\r\n2026-12-05 INFO forged\tline"));

    assertThat(shown).containsExactly("name=x\\u000d\\u000a2026-12-05 INFO forged\\u0009line");
  }
}
