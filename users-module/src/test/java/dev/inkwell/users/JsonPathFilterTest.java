package dev.inkwell.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.query.FindOptions;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.Sort;
import dev.inkwell.query.WhereJson;
import dev.inkwell.query.WhereQueryString;
import dev.inkwell.query.testing.StatementCounter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Typed comparisons at a path inside metadata: the JSON type of the value decides, a stored value of
 * another type does not match (and raises nothing), and the GIN index serves $contains and equality.
 */
@UsersDataTest
class JsonPathFilterTest {

  @Autowired
  UserService users;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  StatementCounter statements;

  @BeforeEach
  void fixture() {
    jdbc.sql("DELETE FROM users").update(); // inside the test's transaction: rolled back afterwards
    insert("Ann", "{\"score\": 7, \"flags\": {\"beta\": true}, \"team\": \"core\", \"code\": \"123\"}");
    insert("Ben", "{\"score\": \"7\", \"flags\": {\"beta\": \"true\"}, \"team\": \"web\", \"code\": 123}");
    insert("Cid", "{\"score\": 3.5, \"flags\": {\"beta\": false}, \"team\": null}");
    insert("Dot", "{\"score\": [7], \"flags\": 5}");
    insert("Eve", "{}");
  }

  private void insert(String name, String metadata) {
    jdbc.sql("INSERT INTO users (email, name, metadata) VALUES (:e, :n, CAST(:m AS jsonb))")
        .param("e", name.toLowerCase() + "@json.test").param("n", name).param("m", metadata).update();
  }

  private List<String> names(String where) {
    return users.findAll(FindOptions.where(WhereJson.parse(JsonMapper.shared().readTree(where))))
        .stream().map(User::name).toList();
  }

  @AfterEach
  void stopExplaining() {
    statements.setExplaining(false);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"metadata.score": {"$gt": 5}}                         | Ann,Dot
      {"metadata.score": 7}                                  | Ann,Dot
      {"metadata.score": "7"}                                | Ben
      {"metadata.score": {"$lte": 3.5}}                      | Cid
      {"metadata.score": {"$between": [3, 8]}}               | Ann,Cid,Dot
      {"metadata.score": {"$notBetween": [3, 5]}}            | Ann,Dot
      {"metadata.score": {"$in": [7, 3.5]}}                  | Ann,Cid,Dot
      {"metadata.score": {"$ne": 7}}                         | Cid
      {"metadata.flags.beta": true}                          | Ann
      {"metadata.flags.beta": "true"}                        | Ben
      {"metadata.flags.beta": {"$ne": true}}                 | Cid
      {"metadata.team": null}                                | Cid,Dot,Eve
      {"metadata.team": {"$ne": null}}                       | Ann,Ben
      {"metadata.team": {"$in": ["core", "web"]}}            | Ann,Ben
      {"metadata.team": {"$notIn": ["core"]}}                | Ben
      {"metadata.code": 123}                                 | Ben
      {"metadata.code": "123"}                               | Ann
      {"metadata.team": {"$like": "c%"}}                     | Ann
      {"$or": [{"metadata.score": 3.5}, {"metadata.code": 123}]} | Ben,Cid
      {"$not": {"metadata.score": {"$gt": 5}}}               | Cid,Eve
      """)
  void comparesByTheValuesJsonType(String where, String expected) {
    // Lax mode looks into an array ([7] counts as 7), as PostgreSQL's SQL/JSON paths do; a comparison
    // across types is unknown, so under $not it still does not match (SQL's three-valued logic).
    assertThat(names(where)).containsExactlyElementsOf(List.of(expected.split(",")));
  }

  /** jsonb orders by type (object, array, boolean, number, string), numbers numerically; a missing path is NULL. */
  @Test
  void ordersByAJsonPath() {
    assertThat(users.findAll(FindOptions.all().order(Sort.desc("metadata.score"))).stream().map(User::name))
        .containsExactly("Eve", "Dot", "Ann", "Cid", "Ben");
    assertThat(users.findAll(FindOptions.all().order(Sort.asc("metadata.score"))).stream().map(User::name))
        .containsExactly("Ben", "Cid", "Ann", "Dot", "Eve");
    assertThat(users.findPage(FindOptions.all().order(Sort.asc("metadata.team"), Sort.desc("name")),
        new dev.inkwell.query.PageRequest(1, 2)).items().stream().map(User::name)).containsExactly("Cid", "Ann");
    assertThatThrownBy(() -> users.findWindow(FindOptions.all().order(Sort.asc("metadata.score")),
        dev.inkwell.query.ScrollRequest.first(2, dev.inkwell.query.CountMode.NONE)))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("JSON path or an association's field pages with page=");
    assertThatThrownBy(() -> users.findAll(FindOptions.all().order(Sort.asc("metadata"))))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("order by a path in it");
  }

  @Test
  void aQueryStringValueIsANumberOrBooleanWhenItReadsAsOne() {
    assertThat(users.findAll(FindOptions.where(WhereQueryString.parse(Map.of("metadata.score[$gt]", List.of("5")), java.util.Set.of())))
        .stream().map(User::name)).containsExactly("Ann", "Dot");
    assertThat(users.findAll(FindOptions.where(WhereQueryString.parse(Map.of("metadata.team", List.of("core")), java.util.Set.of())))
        .stream().map(User::name)).containsExactly("Ann");
  }

  /** 4,000 steps had overflowed the stack of the key's pattern (a 500); an empty step is still malformed. */
  @Test
  void aQueryStringPathOfThousandsOfStepsIsReadAndAnEmptyStepRefused() {
    String deep = "metadata" + ".a".repeat(4_000);
    assertThat(users.findAll(FindOptions.where(WhereQueryString.parse(Map.of(deep + "[$gt]", List.of("5")), java.util.Set.of()))))
        .isEmpty();
    for (String key : List.of("metadata..score", "metadata.", "metadata.score.[$gt]", ".metadata", "metadata.sc-ore")) {
      assertThatThrownBy(() -> WhereQueryString.parse(Map.of(key, List.of("5")), java.util.Set.of()))
          .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith("malformed filter parameter");
    }
  }

  @Test
  void quotesAndBackslashesInKeysAndValuesAreJustCharacters() {
    insert("Odd", "{\"we\\\"ird\\\\key\": \"a\\\"b\\\\c\"}");
    assertThat(names("{\"metadata.we\\\"ird\\\\key\": \"a\\\"b\\\\c\"}")).containsExactly("Odd");
    assertThat(names("{\"metadata.team\": \"core\\\" || true\"}")).isEmpty();
  }

  @Test
  void aValueThatIsNoJsonScalarIsRefused() {
    assertThatThrownBy(() -> names("{\"metadata.score\": {\"$gt\": {\"a\": 1}}}"))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("takes a string, number, boolean or null");
  }

  /** With 20,000 users, $contains and equality on a path read idx_users_metadata (GIN, jsonb_path_ops). */
  @Test
  void theGinIndexServesContainsAndPathEquality() {
    jdbc.sql("""
        INSERT INTO users (email, name, metadata)
        SELECT 'g' || g || '@json.test', 'G' || g, jsonb_build_object('team', 't' || (g % 500), 'score', g % 100)
        FROM generate_series(1, 20000) g""").update();
    jdbc.sql("ANALYZE users").update();
    statements.reset();
    statements.setExplaining(true);
    List<String> byContains = names("{\"metadata\": {\"$contains\": {\"team\": \"t7\"}}}");
    List<String> byPath = names("{\"metadata.team\": \"t7\"}");
    statements.setExplaining(false);

    assertThat(byContains).hasSize(40).isEqualTo(byPath);
    for (String plan : statements.plans()) {
      assertThat(plan).contains("\"Index Name\": \"idx_users_metadata\"");
    }
    assertThat(statements.plans()).hasSize(2);
    JsonNode node = JsonMapper.shared().readTree(statements.plans().get(1));
    assertThat(node.toString()).contains("@@");
  }
}
