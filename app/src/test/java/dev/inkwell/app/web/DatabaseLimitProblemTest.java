package dev.inkwell.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.zaxxer.hikari.HikariDataSource;

import dev.inkwell.migrations.testing.TestDatabaseSettings;

/**
 * PostgreSQL's program limits (SQLSTATE class 54: too many columns, arguments, too deep) are a request
 * that asked too much, not a database that is down: Spring's translation files them with resource
 * failures, which the service answers with 503 and a pool eviction.
 */
class DatabaseLimitProblemTest {

  @Test
  void aStatementPastADatabaseLimitIs400NotUnavailable() {
    JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(TestDatabaseSettings.url(),
        TestDatabaseSettings.username(), TestDatabaseSettings.password()));
    String columns = IntStream.rangeClosed(1, 1_665).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    DataAccessResourceFailureException tooWide = catchThrowableOfType(DataAccessResourceFailureException.class,
        () -> jdbc.queryForList("SELECT " + columns));

    ResponseEntity<ProblemDetail> answer = new ProblemHandler(new StaticListableBeanFactory().getBeanProvider(HikariDataSource.class))
        .unavailable(tooWide);

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(answer.getBody().getTitle()).isEqualTo("Request too complex");
    assertThat(answer.getBody().getDetail()).contains("SQLSTATE 54011").doesNotContain("1664");
    assertThat(answer.getHeaders().containsHeader("Retry-After")).isFalse();
  }
}
