package dev.inkwell.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.query.FindOptions;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.Sort;
import dev.inkwell.query.Where;
import dev.inkwell.query.WhereJson;
import dev.inkwell.query.WhereQueryString;
import dev.inkwell.query.testing.StatementCounter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Every operator of the Op-style filter, written in its JSON form and run on PostgreSQL, each
 * asserting exactly which users come back (in id order).
 */
@UsersDataTest
class UserFilterTest {

  @Autowired
  UserService users;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  StatementCounter statements;

  @BeforeEach
  void fixture() {
    jdbc.sql("DELETE FROM users").update(); // inside the test's transaction: rolled back afterwards
    users.create(NewUser.of("alice@example.com", "Alice", 30)
        .withMetadata(Map.of("role", "admin", "team", Map.of("name", "core"))));
    users.create(new NewUser("bob@example.com", "Bob", 25, null, "Builder of 50%_things", Map.of("role", "user"), null));
    users.create(new NewUser("carol@example.com", "Carol", 35, false, "Likes SQL", null, null));
    users.create(new NewUser("dave@example.com", "Dave", 40, null, null, Map.of("tags", List.of("x")), "555"));
  }

  private List<String> names(String whereJson) {
    Where where = WhereJson.parse(JsonMapper.shared().readTree(whereJson));
    return users.findAll(FindOptions.where(where)).stream().map(User::name).toList();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"age": {"$gt": 25}}                                        | Alice,Carol,Dave
      {"age": {"$lte": 30}}                                       | Alice,Bob
      {"name": {"$in": ["Alice", "Bob"]}}                         | Alice,Bob
      {"name": {"$like": "%li%"}}                                 | Alice
      {"name": {"$iLike": "%ALICE%"}}                             | Alice
      {"bio": {"$is": null}}                                      | Alice,Dave
      {"$or": [{"$and": [{"age": {"$gte": 30}}, {"bio": {"$not": null}}]}, {"name": "Alice"}]} | Alice,Carol
      {"name": "Bob"}                                             | Bob
      {"name": {"$eq": "Bob"}}                                    | Bob
      {"bio": null}                                               | Alice,Dave
      {"age": {"$ne": 30}}                                        | Bob,Carol,Dave
      {"age": {"$gte": 35}}                                       | Carol,Dave
      {"age": {"$lt": 30}}                                        | Bob
      {"age": {"$between": [25, 30]}}                             | Alice,Bob
      {"age": {"$notBetween": [25, 30]}}                          | Carol,Dave
      {"name": {"$notIn": ["Alice"]}}                             | Bob,Carol,Dave
      {"name": ["Bob", "Carol"]}                                  | Bob,Carol
      {"name": {"$in": []}}                                       | ''
      {"name": {"$notIn": []}}                                    | Alice,Bob,Carol,Dave
      {"name": {"$notLike": "%o%"}}                               | Alice,Dave
      {"name": {"$notILike": "%A%"}}                              | Bob
      {"name": {"$startsWith": "Ca"}}                             | Carol
      {"email": {"$endsWith": "e@example.com"}}                   | Alice,Dave
      {"bio": {"$substring": "50%_t"}}                            | Bob
      {"bio": {"$substring": "%"}}                                | Bob
      {"bio": {"$like": "%"}}                                     | Bob,Carol
      {"bio": {"$not": null}}                                     | Bob,Carol
      {"bio": {"$ne": null}}                                      | Bob,Carol
      {"$not": {"age": {"$gte": 30}}}                             | Bob
      {"isActive": false}                                         | Carol
      {"age": {"$gt": 20, "$lt": 31}}                             | Alice,Bob
      {"metadata": {"$contains": {"role": "admin"}}}              | Alice
      {"metadata.role": "user"}                                   | Bob
      {"metadata.team.name": "core"}                              | Alice
      {"metadata.role": {"$in": ["admin", "user"]}}               | Alice,Bob
      {"metadata": {"$hasKey": "tags"}}                           | Dave
      {"metadata": null}                                          | Carol
      {"phone": {"$not": null}}                                   | Dave
      {"createdAt": {"$lte": "2999-01-01T00:00:00Z"}}             | Alice,Bob,Carol,Dave
      {"$and": [{"$or": [{"name": "Alice"}, {"$and": [{"age": {"$gt": 30}}, {"$not": {"name": "Dave"}}]}]}, {"isActive": true}]} | Alice
      {"$or": []}                                                 | ''
      {"$and": []}                                                | Alice,Bob,Carol,Dave
      {}                                                          | Alice,Bob,Carol,Dave
      """)
  void operatorMatchesExactly(String where, String expected) {
    assertThat(names(where)).isEqualTo(expected.isEmpty() ? List.of() : List.of(expected.split(",")));
  }

  @Test
  void javaBuilderExpressesTheGuidesLogicalExample() {
    Where where = Where.or(
        Where.and(Where.field("age").gte(30), Where.field("bio").isNotNull()),
        Where.field("name").eq("Alice"));

    assertThat(users.findAll(FindOptions.where(where)).stream().map(User::name)).containsExactly("Alice", "Carol");
  }

  @Test
  void isAndNotTakeTrueAndFalseOnABooleanAsInSequelize() {
    // [Op.is]: true, [Op.not]: true: IS [NOT] TRUE, where NULL is neither true nor false.
    jdbc.sql("UPDATE users SET \"isActive\" = NULL WHERE name = 'Dave'").update();

    assertThat(names("{\"isActive\": {\"$is\": true}}")).containsExactly("Alice", "Bob");
    assertThat(names("{\"isActive\": {\"$is\": false}}")).containsExactly("Carol");
    assertThat(names("{\"isActive\": {\"$not\": true}}")).containsExactly("Carol", "Dave");
    assertThat(names("{\"isActive\": {\"$not\": false}}")).containsExactly("Alice", "Bob", "Dave");
    assertThat(statements.last()).contains("\"isActive\" IS NOT FALSE");
    assertThat(names("{\"isActive\": {\"$ne\": true}}")).containsExactly("Carol");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      {"password": "x"}                   | unknown field 'password' of users; allowed: id, email, name, age, isActive, bio, metadata, phone, createdAt, updatedAt
      {"age": {"$foo": 1}}                | unknown operator '$foo'; allowed: $eq, $ne
      {"age": "thirty"}                   | 'age' takes an integer, got the string "thirty"
      {"age": 3000000000}                 | 'age' is out of range for an integer: 3000000000
      {"isActive": "yes"}                 | 'isActive' takes true or false, got the string "yes"
      {"name": {"$in": "Alice"}}          | $in on 'name' takes a list
      {"age": {"$between": [1]}}          | $between on 'age' takes [low, high], got 1 values
      {"age": {"$iLike": "%3%"}}          | operator $iLike does not apply to 'age' (integer); allowed: $eq
      {"bio": {"$is": "x"}}               | $is on 'bio' takes only null
      {"bio": {"$not": true}}             | $not on 'bio' takes only null
      {"isActive": {"$is": "yes"}}        | $is on 'isActive' takes only null, true or false
      {"metadata.role": {"$is": true}}    | $is on 'metadata.role' takes only null
      {"metadata": "admin"}               | operator $eq does not apply to 'metadata' (jsonb); allowed: $is, $not, $contains, $hasKey
      {"createdAt": {"$gt": "yesterday"}} | 'createdAt' takes an ISO-8601 timestamp with offset, got "yesterday"
      {"$xor": []}                        | unknown logical operator '$xor'
      {"name": {"role": "admin"}}         | 'name': operators start with $
      {"name": {"$startsWith": null}}     | 'name' takes a string, got null
      {"name": {"$substring": 7}}         | 'name' takes a string, got integer 7
      {"metadata": {"$hasKey": null}}     | 'metadata' takes a string, got null
      {"age": 1e400}                      | 'age' takes an integer, got double Infinity
      """)
  void invalidFiltersAreRefusedBeforeAnySql(String where, String message) {
    statements.reset();

    assertThatThrownBy(() -> names(where)).isInstanceOf(InvalidQueryException.class).hasMessageStartingWith(message);
    assertThat(statements.count()).isZero();
  }

  /** Query-string numbers (NumberText): ASCII digits, at most 1,000 of them; refused before any SQL. */
  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      age[$gt]            | 1e999999999 | 'age' takes a number of at most 1000 digits before and after its point
      metadata.score[$gt] | 1e999999999 | 'metadata.score' takes a number of at most 1000 digits before and after its point
      age                 | ３０ | 'age' takes a number, got "３０"
      age                 | 1e11        | 'age' is out of range for an integer: 1E+11
      """)
  void queryStringNumbersAreRefusedBeforeAnySql(String key, String value, String message) {
    statements.reset();
    assertThatThrownBy(() -> users.findAll(FindOptions.where(WhereQueryString.parse(Map.of(key, List.of(value)), java.util.Set.of()))))
        .isInstanceOf(InvalidQueryException.class).hasMessage(message);
    assertThat(statements.count()).isZero();
  }

  /**
   * A filter's size is capped before any SQL exists: PostgreSQL's JIT compiles a statement's
   * expressions in time that grows with the square of their size, and no timeout or cancel stops it.
   */
  @Test
  void aFilterHoldsAtMost100ConditionsAnd10000ListValues() {
    String hundred = "{\"$or\": [" + String.join(",", java.util.stream.IntStream.range(0, 100)
        .mapToObj(i -> "{\"age\": " + (i < 99 ? 1000 + i : 25) + "}").toList()) + "]}";
    assertThat(names(hundred)).containsExactly("Bob");
    List<Integer> ages = java.util.stream.IntStream.range(0, 10_000).boxed().toList();
    assertThat(users.findAll(FindOptions.where(Where.field("age").in(ages.toArray()))).stream().map(User::name))
        .containsExactly("Alice", "Bob", "Carol", "Dave");

    statements.reset();
    String hundredAndOne = hundred.replace("{\"age\": 25}", "{\"age\": 25}, {\"name\": \"Carol\"}");
    assertThatThrownBy(() -> names(hundredAndOne)).isInstanceOf(InvalidQueryException.class)
        .hasMessage("a filter may hold at most 100 conditions");
    List<Integer> more = java.util.stream.IntStream.range(0, 9_999).boxed().toList();
    assertThatThrownBy(() -> users.findAll(FindOptions.where(Where.and(Where.field("age").in(more.toArray()),
        Where.field("name").in("Alice", "Bob"))))).isInstanceOf(InvalidQueryException.class)
        .hasMessage("a filter's lists may hold at most 10000 values together");
    assertThat(statements.count()).isZero();
  }

  @Test
  void orderAndAttributesGoThroughTheSameWhitelist() {
    assertThatThrownBy(() -> users.findAll(FindOptions.all().order(Sort.desc("salary"))))
        .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith("unknown field 'salary' of users");
    assertThatThrownBy(() -> users.findAll(FindOptions.all().attributes("id", "password")))
        .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith("unknown field 'password' of users");
    assertThatThrownBy(() -> Sort.of("age", "SIDEWAYS"))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("allowed: ASC, DESC");
  }

  /** Each key is an expression of every row read: 2,000 JSON paths passed PostgreSQL's 1,664 output columns. */
  @Test
  void anOrderNamesAtMost16Fields() {
    List<Sort> sixteen = java.util.stream.IntStream.range(0, 15).mapToObj(i -> Sort.asc("metadata.k" + i))
        .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    sixteen.add(Sort.desc("age"));
    assertThat(users.findAll(FindOptions.all().order(sixteen.toArray(Sort[]::new))).stream().map(User::name))
        .containsExactly("Dave", "Carol", "Alice", "Bob");

    statements.reset();
    List<Sort> seventeen = new java.util.ArrayList<>(sixteen);
    seventeen.add(Sort.asc("name"));
    assertThatThrownBy(() -> users.findAll(FindOptions.all().order(seventeen.toArray(Sort[]::new))))
        .isInstanceOf(InvalidQueryException.class).hasMessage("an order may name at most 16 fields");
    assertThat(statements.count()).isZero();
  }

  @Test
  void orderWithNullsPlacementAndIdTieBreaker() {
    List<String> byBio = users.findAll(FindOptions.all().order(Sort.of("bio", "ASC NULLS FIRST")))
        .stream().map(User::name).toList();
    List<String> byActiveDesc = users.findAll(FindOptions.all().order(Sort.desc("isActive")))
        .stream().map(User::name).toList();

    assertThat(byBio).containsExactly("Alice", "Dave", "Bob", "Carol");
    // The id tie-breaker goes the way of the last key.
    assertThat(byActiveDesc).containsExactly("Dave", "Bob", "Alice", "Carol");
    assertThat(statements.last()).endsWith("ORDER BY u.\"isActive\" DESC , u.\"id\" DESC");
  }
}
