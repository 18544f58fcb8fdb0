package dev.inkwell.query.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.scripting.defaults.RawSqlSource;
import org.apache.ibatis.scripting.xmltags.XMLLanguageDriver;
import org.apache.ibatis.session.Configuration;
import org.junit.jupiter.api.Test;

import dev.inkwell.query.sql.ParsedOnceLanguageDriver.ParsedOnceSqlSource;

/**
 * The driver binds exactly what MyBatis's own binds, and keeps a parse only where it cannot differ.
 * No database: these compare the SQL and parameter mappings MyBatis would send; every module's and the
 * service's tests run their statements on PostgreSQL through this driver (persistence-defaults.yml).
 */
class ParsedOnceLanguageDriverTest {

  private final Configuration stock = ParsedOnceStatements.configuration(XMLLanguageDriver.class);
  private final Configuration parsedOnce = ParsedOnceStatements.configuration(ParsedOnceLanguageDriver.class);

  @Test
  void aDynamicStatementBindsWhatTheStockDriverBindsAndParsesEachTextOnce() {
    List<Map<String, Object>> params = List.of(
        row("a@x.org", "A", 30, Map.of("k", 1)),
        row("b@x.org", "B", 40, null),
        row("c@x.org", "C", null, Map.of()),
        row("d@x.org", "D", null, null));
    for (Map<String, Object> p : params) {
      assertSameBinding("insert", p);
    }
    // Two texts: with an age, and with DEFAULT for it.
    assertThat(kept("insert")).isEqualTo(2);
    BoundSql withDefault = bound(parsedOnce, "insert", params.get(3));
    assertThat(withDefault.getSql()).contains("DEFAULT");
    assertThat(withDefault.getParameterMappings()).extracting(ParameterMapping::getProperty)
        .containsExactly("row.email", "row.name", "row.metadata");
  }

  @Test
  void anInlineTypeHandlerIsBuiltOnceNotPerExecution() {
    ParameterMapping first = bound(parsedOnce, "insert", row("a@x.org", "A", 1, null)).getParameterMappings().get(3);
    ParameterMapping second = bound(parsedOnce, "insert", row("b@x.org", "B", 2, null)).getParameterMappings().get(3);
    assertThat(first.getTypeHandler()).isInstanceOf(JsonbTypeHandler.class).isSameAs(second.getTypeHandler());
    // The stock driver builds a new one for every execution.
    assertThat(bound(stock, "insert", row("a@x.org", "A", 1, null)).getParameterMappings().get(3).getTypeHandler())
        .isNotSameAs(bound(stock, "insert", row("b@x.org", "B", 2, null)).getParameterMappings().get(3).getTypeHandler());
  }

  @Test
  void foreachItemsAreTypedByTheirValuesSoTheirParseIsNeverKept() {
    assertSameBinding("byIds", Map.of("ids", List.of(1, 2)));
    assertSameBinding("byIds", Map.of("ids", List.of("1", "2")));
    assertThat(bound(parsedOnce, "byIds", Map.of("ids", List.of("1", "2"))).getParameterMappings())
        .extracting(ParameterMapping::getJavaType).containsExactly(String.class, String.class);
    assertThat(kept("byIds")).isZero();
  }

  @Test
  void aParameterReadThroughUnderscoreParameterIsTypedByItsValueSoItsParseIsNeverKept() {
    assertSameBinding("byScalar", "Ann");
    assertSameBinding("byScalar", 7);
    assertThat(bound(parsedOnce, "byScalar", 7).getParameterMappings().get(0).getJavaType()).isEqualTo(Integer.class);
    assertThat(kept("byScalar")).isZero();
  }

  @Test
  void eachSubstitutedIdentifierIsItsOwnText() {
    Map<String, Object> byName = new HashMap<>(Map.of("minAge", 18, "column", "name"));
    Map<String, Object> byAge = new HashMap<>(Map.of("minAge", 18, "column", "age"));
    Map<String, Object> byBio = new HashMap<>(Map.of("minAge", 18, "column", "bio")); // as long as age's text
    assertSameBinding("orderedBy", byName);
    assertSameBinding("orderedBy", byAge);
    assertSameBinding("orderedBy", byBio);
    assertThat(bound(parsedOnce, "orderedBy", byAge).getSql()).endsWith("ORDER BY age");
    assertThat(bound(parsedOnce, "orderedBy", byBio).getSql()).endsWith("ORDER BY bio");
    assertThat(kept("orderedBy")).isEqualTo(3);
  }

  @Test
  void everyTagWritesWhatTheStockDriverWrites() {
    List<Map<String, Object>> terms = List.of(Map.of("op", "EQ", "value", 1), Map.of("op", "LT", "value", 2),
        Map.of("op", "GT", "value", 3));
    List<Map<String, Object>> queries = List.of(
        query("ann", 30, List.of(1, 2), terms, "name"),
        query(null, null, List.of(), List.of(), null),
        query("", null, null, List.of(terms.get(2)), "age"),
        query("b", 0, List.of(7), List.of(), "name"));
    for (Map<String, Object> q : queries) {
      assertSameBinding("everyTag", Map.of("q", q));
    }
    assertThat(bound(parsedOnce, "everyTag", Map.of("q", queries.get(0))).getSql().replaceAll("\\s+", " ")).isEqualTo(
        "SELECT id FROM users WHERE name LIKE ? AND age >= ? AND id <> 0 AND id IN (?,?) AND ( age = ? OR age < ? OR age > ? ) ORDER BY name");
    assertThat(bound(parsedOnce, "everyTag", Map.of("q", queries.get(1))).getSql()).isEqualTo("SELECT id FROM users");
    for (Map<String, Object> p : List.of(row("a@x.org", "A", 3, null), row("a@x.org", null, null, null))) {
      Map<String, Object> withId = new HashMap<>(p);
      withId.put("id", 1);
      assertSameBinding("setSome", withId);
    }
  }

  /** ${...} and the loops' collections are read without OGNL where PathTest can; the SQL and bindings stay MyBatis's. */
  @Test
  void substitutionsAndLoopsWriteWhatTheStockDriverWrites() {
    Map<String, Object> byAge = sort("age", "DESC", "NULLS LAST", null, List.of());
    Map<String, Object> byPath = sort("metadata", "ASC", "", "{a,b}", List.of("x", "y"));
    Map<String, Object> byName = new java.util.LinkedHashMap<>(Map.of("name", "Ann"));
    List<Map<String, Object>> queries = List.of(
        sorted(List.of(byAge, byPath), new int[] {1, 2}, byName, 10),
        sorted(List.of(byAge), null, null, null),
        sorted(List.of(byPath), new int[0], Map.of(), 0));
    for (Map<String, Object> q : queries) {
      assertSameBinding("sortedBy", Map.of("q", q));
    }
    assertThat(bound(parsedOnce, "sortedBy", Map.of("q", queries.get(0))).getSql().replaceAll("\\s+", " ").trim()).isEqualTo(
        "SELECT id FROM users WHERE id IN (?,?) AND (name = ?) ORDER BY age DESC NULLS LAST , (metadata #> CAST(? AS text[])) "
            + "ASC , x 2 , y 2 LIMIT 10");
    assertSameBinding("oneColumn", "age");
    assertThat(bound(parsedOnce, "oneColumn", "age").getSql().trim()).isEqualTo("SELECT age FROM users");
    // A null where a loop needs a collection fails as MyBatis's loop fails.
    Map<String, Object> noOrder = sorted(null, null, null, 1);
    assertThat(catchThrowable(() -> bound(parsedOnce, "sortedBy", Map.of("q", noOrder))))
        .hasMessageContaining("The expression 'q.order' evaluated to a null value.");
  }

  @Test
  void aTextFixedByItsTestsAloneIsKeptPerOutcome() {
    List<Map<String, Object>> params = List.of(
        values("flagged", true, "active", false, "minAge", 30, "ids", List.of(), "order", "name"),
        values("flagged", false, "active", true, "minAge", 30, "ids", List.of(), "order", "name"),
        values("flagged", false, "active", false, "minAge", null, "ids", List.of(), "order", null),
        values("flagged", true, "active", true, "minAge", null, "ids", List.of(), "order", "id"),
        values("flagged", true, "active", false, "minAge", 30, "ids", List.of(4, 5), "order", "name"));
    for (int round = 0; round < 2; round++) {
      for (Map<String, Object> p : params) {
        assertSameBinding("decided", p);
      }
    }
    // The first two write one text from different tests and are kept apart: the outcomes are the key.
    assertThat(bound(parsedOnce, "decided", params.get(1)).getSql()).isEqualTo(bound(parsedOnce, "decided", params.get(0)).getSql());
    assertThat(bound(parsedOnce, "decided", params.get(0)).getSql().replaceAll("\\s+", " ").trim())
        .isEqualTo("SELECT id FROM users WHERE \"isActive\" AND age >= ? ORDER BY name LIMIT 10");
    assertThat(bound(parsedOnce, "decided", params.get(2)).getSql().replaceAll("\\s+", " ").trim())
        .isEqualTo("SELECT id FROM users ORDER BY id");
    // The loop over two ids binds its items, so that text is parsed on every call.
    assertThat(kept("decided")).isEqualTo(4);
    // A null where the loop needs a collection fails as MyBatis's loop fails.
    Map<String, Object> noIds = values("flagged", false, "active", false, "minAge", null, "ids", null, "order", null);
    assertThat(catchThrowable(() -> bound(parsedOnce, "decided", noIds)))
        .hasMessageContaining("The expression 'ids' evaluated to a null value.");
  }

  @Test
  void aPluginEditingTheMappingsOfOneExecutionDoesNotEditTheNext() {
    Map<String, Object> p = row("a@x.org", "A", 1, null);
    bound(parsedOnce, "insert", p).getParameterMappings().clear();
    assertThat(bound(parsedOnce, "insert", p).getParameterMappings()).hasSize(4);
  }

  @Test
  void aStatementWithoutTagsStaysMyBatissRawSqlSource() {
    assertThat(parsedOnce.getMappedStatement("parsedOnce.staticOne").getSqlSource()).isInstanceOf(RawSqlSource.class);
  }

  private void assertSameBinding(String id, Object parameter) {
    BoundSql expected = bound(stock, id, parameter);
    BoundSql actual = bound(parsedOnce, id, parameter);
    assertThat(actual.getSql()).isEqualTo(expected.getSql());
    assertThat(describe(actual.getParameterMappings())).isEqualTo(describe(expected.getParameterMappings()));
    assertThat(actual.getAdditionalParameters()).isEqualTo(expected.getAdditionalParameters());
  }

  /** What decides how a parameter is bound: its property, Java type, JDBC type and handler class. */
  private static List<String> describe(List<ParameterMapping> mappings) {
    return mappings.stream()
        .map(m -> m.getProperty() + " " + m.getJavaType().getName() + " " + m.getJdbcType() + " "
            + m.getTypeHandler().getClass().getName() + " " + m.getMode())
        .toList();
  }

  private static BoundSql bound(Configuration configuration, String id, Object parameter) {
    return configuration.getMappedStatement("parsedOnce." + id).getBoundSql(parameter);
  }

  private int kept(String id) {
    return ((ParsedOnceSqlSource) parsedOnce.getMappedStatement("parsedOnce." + id).getSqlSource()).textsKept();
  }

  private static Map<String, Object> query(String name, Integer minAge, List<Integer> ids,
      List<Map<String, Object>> terms, String order) {
    return values("name", name, "minAge", minAge, "ids", ids, "terms", terms, "order", order);
  }

  private static Map<String, Object> sort(String column, String direction, String nulls, String jsonPath, List<String> extra) {
    return values("column", column, "direction", direction, "nulls", nulls, "jsonPath", jsonPath, "extra", extra);
  }

  private static Map<String, Object> sorted(List<Map<String, Object>> order, int[] ids, Map<String, Object> byName, Integer limit) {
    return values("order", order, "idArray", ids, "byName", byName, "limit", limit);
  }

  private static Map<String, Object> row(String email, String name, Integer age, Map<String, Object> metadata) {
    return Map.of("row", values("email", email, "name", name, "age", age, "metadata", metadata));
  }

  /** A mutable map of names and values, nulls allowed (Map.of takes none). */
  private static Map<String, Object> values(Object... namesAndValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return map;
  }
}
