package dev.inkwell.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.query.AggregationJson;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.testing.StatementCounter;
import tools.jackson.databind.json.JsonMapper;

/** Aggregates: groups by fields, JSON paths and truncated timestamps, HAVING and ORDER BY on aliases, in one statement. */
@UsersDataTest
class UserAggregateTest {

  @Autowired
  UserService users;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  StatementCounter statements;

  @BeforeEach
  void fixture() {
    jdbc.sql("DELETE FROM users").update(); // inside the test's transaction: rolled back afterwards
    insert("Ann", 30, true, "2026-10-15T12:00:00Z", "{\"group\": \"1\"}");
    insert("Bob", 25, true, "2026-11-02T00:30:00Z", "{\"group\": \"1\"}");
    insert("Cid", 35, false, "2026-11-20T23:59:00Z", "{\"group\": 2}");
    insert("Dee", 40, true, "2026-11-21T08:00:00Z", "{}");
    insert("Eve", null, true, "2026-11-30T23:00:00-05:00", "{\"group\": \"1\"}"); // December in UTC
  }

  private void insert(String name, Integer age, boolean active, String createdAt, String metadata) {
    jdbc.sql("""
        INSERT INTO users (email, name, age, "isActive", "createdAt", "updatedAt", metadata)
        VALUES (:e, :n, :a, :active, CAST(:c AS timestamptz), CAST(:c AS timestamptz), CAST(:m AS jsonb))""")
        .param("e", name.toLowerCase() + "@agg.test").param("n", name).param("a", age).param("active", active)
        .param("c", createdAt).param("m", metadata).update();
  }

  private List<Map<String, Object>> aggregate(String json) {
    return users.aggregate(AggregationJson.parse(JsonMapper.shared().readTree(json)));
  }

  @Test
  void theIssuesExample() {
    statements.reset();
    List<Map<String, Object>> rows = aggregate("""
        {"groupBy": ["isActive"], "aggregates": {"n": {"$count": "*"}, "avgAge": {"$avg": "age"},
         "names": {"$countDistinct": "name"}, "oldest": {"$max": "age"}},
         "having": {"n": {"$gte": 1}}, "order": [["n", "DESC"]], "limit": 10}""");

    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).containsOnlyKeys("isActive", "n", "avgAge", "names", "oldest")
        .containsEntry("isActive", true).containsEntry("n", 4L).containsEntry("names", 4L).containsEntry("oldest", 40);
    assertThat((Double) rows.get(0).get("avgAge")).isCloseTo(95 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(rows.get(1)).containsEntry("isActive", false).containsEntry("n", 1L).containsEntry("avgAge", 35.0);
    assertThat(statements.statements()).hasSize(1);
    assertThat(statements.last()).contains("GROUP BY 1").contains("AS \"a1\"").doesNotContain("avgAge");
  }

  @Test
  void groupsByMonthInUtcAndByAJsonPath() {
    assertThat(aggregate("{\"groupBy\": [{\"$dateTrunc\": [\"month\", \"createdAt\"]}], \"aggregates\": {\"n\": {\"$count\": \"*\"}}}"))
        .containsExactly(
            Map.of("month", OffsetDateTime.parse("2026-10-01T00:00:00Z"), "n", 1L),
            Map.of("month", OffsetDateTime.parse("2026-11-01T00:00:00Z"), "n", 3L),
            Map.of("month", OffsetDateTime.parse("2026-12-01T00:00:00Z"), "n", 1L));
    List<Map<String, Object>> byGroup = aggregate("""
        {"groupBy": ["metadata.group"], "aggregates": {"n": {"$count": "*"}, "total": {"$sum": "age"}},
         "order": ["-n"]}""");
    assertThat(byGroup).extracting(r -> r.get("metadata.group") + ":" + r.get("n") + ":" + r.get("total"))
        .containsExactly("1:3:55", "2:1:35", "null:1:40");
    assertThat(aggregate("""
        {"groupBy": ["metadata.group"], "aggregates": {"n": {"$count": "*"}}, "having": {"n": {"$gt": 1}}}"""))
        .containsExactly(Map.of("metadata.group", "1", "n", 3L));
  }

  @Test
  void withoutGroupsOneRowAndAFilter() {
    assertThat(aggregate("{\"where\": {\"isActive\": true}, \"aggregates\": {\"n\": {\"$count\": \"age\"}, \"youngest\": {\"$min\": \"age\"}}}"))
        .containsExactly(Map.of("n", 3L, "youngest", 25));
  }

  @Test
  void withoutGroupsAndWithoutRowsOneRowOfNulls() {
    // SQL's one row for an aggregate over no rows: MyBatis reads an all-NULL row as null (it was a 500).
    Map<String, Object> nulls = new HashMap<>();
    nulls.put("oldest", null);
    nulls.put("total", null);
    assertThat(aggregate("{\"where\": {\"age\": {\"$gt\": 1000}}, \"aggregates\": {\"oldest\": {\"$max\": \"age\"},"
        + " \"total\": {\"$sum\": \"age\"}}}")).containsExactly(nulls);
    assertThat(aggregate("{\"where\": {\"age\": {\"$gt\": 1000}}, \"aggregates\": {\"n\": {\"$count\": \"*\"},"
        + " \"oldest\": {\"$max\": \"age\"}}}")).singleElement().satisfies(row -> {
          assertThat(row).containsEntry("n", 0L).containsKey("oldest");
          assertThat(row.get("oldest")).isNull();
        });
  }

  @Test
  void theQueryStringForm() {
    assertThat(users.aggregate(AggregationJson.parse(Map.of("groupBy", List.of("isActive"), "count", List.of("*"),
        "order", List.of("-count"), "age[$gte]", List.of("30")))))
        .containsExactly(Map.of("isActive", true, "count", 2L), Map.of("isActive", false, "count", 1L));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      {"aggregates": {"s": {"$sum": "name"}}}                                | $sum needs a number
      {"groupBy": [{"$dateTrunc": ["month", "name"]}], "aggregates": {}}     | $dateTrunc needs a timestamp
      {"groupBy": [{"$dateTrunc": ["fortnight", "createdAt"]}]}              | $dateTrunc unit must be one of
      {"groupBy": ["isActive"], "order": [["nope", "DESC"]]}                 | unknown field 'nope' of users aggregate
      {"groupBy": ["isActive"], "having": {"avg": {"$gt": 1}}}               | unknown field 'avg' of users aggregate
      {"aggregates": {"$n": {"$count": "*"}}}                                | does not start with $
      {"aggregates": {"n": {"$median": "age"}}}                              | unknown aggregate function '$median'
      {"aggregates": {"n": {"$count": "*"}}, "limit": 0}                      | limit must be 1 to 1000
      {"groupBy": ["password"]}                                              | unknown field 'password' of users
      {"groupBy": ["isActive"], "aggregates": {"isActive": {"$count": "*"}}} | 'isActive' names two outputs
      {"aggregates": {"n": {"$max": "isActive"}}}                            | $max needs a number, text or timestamp
      {"aggregates": {"n": {"$sum": "*"}}}                                   | unknown field '*'
      {}                                                                      | give aggregates, groupBy or both
      {"groupBy": ["metadata.a","metadata.b","metadata.c","metadata.d","metadata.e","metadata.f","metadata.g","metadata.h","metadata.i","metadata.j","metadata.k","metadata.l","metadata.m","metadata.n","metadata.o","metadata.p","metadata.q"]} | at most 16 group keys
      """)
  void badAggregationsAreRefusedBeforeAnySql(String json, String message) {
    statements.reset();
    assertThatThrownBy(() -> aggregate(json)).isInstanceOf(InvalidQueryException.class).hasMessageContaining(message);
    assertThat(statements.count()).isZero();
  }
}
