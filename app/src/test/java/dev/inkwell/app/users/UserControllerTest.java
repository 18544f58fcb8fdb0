package dev.inkwell.app.users;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.app.Http;
import dev.inkwell.app.Http.Response;
import tools.jackson.databind.JsonNode;

/** /api/users over real HTTP against the running app and PostgreSQL: statuses, bodies, problems. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UserControllerTest {

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  Http http;

  @BeforeEach
  void emptyTable() {
    http = new Http(port);
    jdbc.sql("DELETE FROM users").update();
  }

  private long rows() {
    return jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
  }

  private int createAlice() {
    return http.post("/api/users", """
        {"email": "alice@example.com", "name": "Alice", "age": 30, "metadata": {"role": "admin"}}""").body().get("id").asInt();
  }

  private void seed() {
    createAlice();
    http.post("/api/users/bulk", """
        [{"email": "bob@example.com", "name": "Bob", "age": 25},
         {"email": "carol@example.com", "name": "Carol", "age": 35, "bio": "SQL"},
         {"email": "dave@example.com", "name": "Dave", "age": 40, "isActive": false}]""");
  }

  private static void assertProblem(Response r, int status, String field, String detailStart) {
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body().get("status").asInt()).isEqualTo(status);
    if (field != null) {
      assertThat(r.body().get("field").asString()).isEqualTo(field);
    }
    assertThat(r.body().get("detail").asString()).startsWith(detailStart);
  }

  @Test
  void createAnswers201WithLocationAndStoredValues() {
    Response r = http.post("/api/users", """
        {"email": "alice@example.com", "name": "Alice", "age": 30, "metadata": {"role": "admin"}}""");

    assertThat(r.status()).isEqualTo(201);
    JsonNode user = r.body();
    assertThat(user.get("isActive").asBoolean()).isTrue();
    assertThat(user.get("metadata").get("role").asString()).isEqualTo("admin");
    assertThat(user.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*(Z|[+-]\\d\\d:\\d\\d)");
    assertThat(http.get("/api/users/" + user.get("id").asInt()).body().get("email").asString()).isEqualTo("alice@example.com");
  }

  @Test
  void aNullAgeOrIsActiveInACreateTakesTheColumnsDefault() {
    JsonNode user = http.post("/api/users", """
        {"email": "nulls@example.com", "name": "N", "age": null, "isActive": null, "bio": null}""").body();

    assertThat(user.get("age").asInt()).isZero();
    assertThat(user.get("isActive").asBoolean()).isTrue();
    assertThat(user.get("bio").isNull()).isTrue();
  }

  @Test
  void bulkUpsertMergesOrIgnoresByEmail() {
    createAlice();
    Response merged = http.post("/api/users/bulk?onConflict=merge", """
        [{"email": "bob@example.com", "name": "Bob"}, {"email": "alice@example.com", "name": "Alice B", "age": 31}]""");

    assertThat(merged.status()).isEqualTo(200);
    assertThat(merged.body().get("created").asInt()).isEqualTo(1);
    assertThat(merged.body().get("updated").asInt()).isEqualTo(1);
    assertThat(merged.body().get("rows").get(0).get("email").asString()).isEqualTo("bob@example.com");
    assertThat(merged.body().get("rows").get(0).get("created").asBoolean()).isTrue();
    assertThat(merged.body().get("rows").get(1).get("created").asBoolean()).isFalse();
    assertThat(jdbc.sql("SELECT name || ':' || age FROM users WHERE email = 'alice@example.com'").query(String.class).single())
        .isEqualTo("Alice B:31");

    Response ignored = http.post("/api/users/bulk?onConflict=ignore", """
        [{"email": "alice@example.com", "name": "Nope"}]""");
    assertThat(ignored.body().get("ignored").asInt()).isEqualTo(1);
    assertThat(ignored.body().get("rows").get(0).get("ignored").asBoolean()).isTrue();
    assertProblem(http.post("/api/users/bulk?onConflict=merge", """
        [{"email": "x@example.com", "name": "X"}, {"email": "x@example.com", "name": "Y"}]"""), 400, "email",
        "emails given more than once: x@example.com");
    assertProblem(http.post("/api/users/bulk?onConflict=replace", "[]"), 400, "onConflict", "onConflict must be merge or ignore");
    assertThat(rows()).isEqualTo(2);
  }

  /** The argument checks themselves are UserWebTest's; here, with the real service, nothing is written. */
  @Test
  void anInvalidBulkWritesNothing() {
    assertProblem(http.post("/api/users/bulk", """
        [{"email": "ok@example.com", "name": "Ok"}, {"email": "bad", "name": "Bad"}]"""), 400, "email[1]", "email[1]:");

    assertThat(rows()).isZero();
  }

  @Test
  void aDuplicateEmailIs409() {
    createAlice();

    assertProblem(http.post("/api/users", """
        {"email": "alice@example.com", "name": "Again"}"""), 409, "email", "a user with email 'alice@example.com' already exists");
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void aBulkWithOneDuplicateWritesNothing() {
    createAlice();

    assertProblem(http.post("/api/users/bulk", """
        [{"email": "new@example.com", "name": "New"}, {"email": "alice@example.com", "name": "Dup"}]"""), 409, "email", "");
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void deletingAMissingUserIs404() {
    assertProblem(http.delete("/api/users/999999"), 404, "id", "");
  }

  @Test
  void patchingAMissingUserIs404() {
    assertProblem(http.patch("/api/users/999999", "{\"name\": \"X\"}"), 404, "id", "");
  }

  @Test
  void aPageFromTheQueryStringIsFilteredOrderedProjectedAndCounted() {
    seed();

    Response r = http.get("/api/users?age[$gte]=25&name[$iLike]=%25a%25&order=-age&fields=id,name&page=1&size=2");

    assertThat(r.status()).isEqualTo(200);
    JsonNode page = r.body();
    assertThat(page.get("total").asInt()).isEqualTo(3);
    assertThat(page.get("pages").asInt()).isEqualTo(2);
    assertThat(page.get("hasNext").asBoolean()).isTrue();
    assertThat(page.get("items").get(0).get("name").asString()).isEqualTo("Dave");
    assertThat(page.get("items").get(1).get("name").asString()).isEqualTo("Carol");
    assertThat(page.get("items").get(0).propertyNames()).containsExactly("id", "name");
  }

  /** Each query-string operator form against the same four users: total matched. */
  @Test
  void eachQueryStringOperatorFormFilters() {
    seed();

    assertThat(total("/api/users?name=Bob")).isEqualTo(1);
    assertThat(total("/api/users?metadata.role=admin")).isEqualTo(1);
    assertThat(total("/api/users?bio[$not]=null")).isEqualTo(1);
    assertThat(total("/api/users?name[$in]=Bob,Carol")).isEqualTo(2);
    assertThat(total("/api/users?name[$startsWith]=Ca&email[$endsWith]=.com&bio[$substring]=QL")).isEqualTo(1);
    assertThat(total("/api/users?age[$between]=25,30&isActive=true")).isEqualTo(2);
    assertThat(total("/api/users?isActive[$not]=true")).isEqualTo(1);
    assertThat(total("/api/users?isActive[$is]=true&bio[$is]=null")).isEqualTo(2);
    assertThat(total("/api/users?metadata[$hasKey]=role&metadata[$contains]=%7B%22role%22:%22admin%22%7D")).isEqualTo(1);
  }

  private int total(String path) {
    return http.get(path).body().get("total").asInt();
  }

  @Test
  void aPagePastTheEndIsEmpty() {
    seed();

    JsonNode page = http.get("/api/users?page=9").body();

    assertThat(page.get("items").size()).isZero();
    assertThat(page.get("total").asInt()).isEqualTo(4);
  }

  /** Names the service's whitelist refuses (operator and page syntax: UserWebTest). */
  @Test
  void unknownFieldsAndValuesOfTheWrongTypeAre400() {
    assertProblem(http.get("/api/users?password=x"), 400, "password", "unknown field 'password' of users; allowed:");
    assertProblem(http.get("/api/users?age=old"), 400, "age", "'age' takes a number");
    assertProblem(http.get("/api/users?order=-salary"), 400, "salary", "unknown field 'salary'");
    assertProblem(http.get("/api/users?fields=id,secret"), 400, "secret", "unknown field 'secret'");
  }

  @Test
  void searchTakesSequelizeFindAllOptions() {
    seed();

    Response r = http.post("/api/users/search", """
        {"where": {"$or": [{"age": {"$gte": 35}}, {"name": "Alice"}]},
         "attributes": ["id", "name"], "order": [["age", "DESC"]], "limit": 2, "offset": 0}""");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("items").findValuesAsString("name")).containsExactly("Dave", "Carol");
    assertThat(r.body().get("total").asInt()).isEqualTo(3);
    assertThat(r.body().get("hasNext").asBoolean()).isTrue();
  }

  @Test
  void searchRefusesBadValuesAndUnknownOptions() {
    assertProblem(http.post("/api/users/search", "{\"where\": {\"age\": {\"$gte\": \"x\"}}}"), 400, "age", "'age' takes an integer");
    assertProblem(http.post("/api/users/search", "{\"having\": {}}"), 400, "having", "unknown option 'having'");
  }

  @Test
  void patchChangesOnlyWhatIsGivenAndMovesUpdatedAt() {
    int id = createAlice();
    String before = http.get("/api/users/" + id).body().get("updatedAt").asString();

    Response r = http.patch("/api/users/" + id, "{\"name\": \"Alice Updated\", \"bio\": null}");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("name").asString()).isEqualTo("Alice Updated");
    assertThat(r.body().get("age").asInt()).isEqualTo(30);
    assertThat(r.body().get("updatedAt").asString()).isNotEqualTo(before);
  }

  @Test
  void patchRefusesColumnsItMayNotSetAndBadValues() {
    int id = createAlice();

    assertProblem(http.patch("/api/users/" + id, "{\"createdAt\": \"2020-01-01T00:00:00Z\"}"), 400, "createdAt", "");
    assertProblem(http.patch("/api/users/" + id, "{\"age\": \"old\"}"), 400, "age", "");
  }

  /** A change is held to the rules of a create: it had set an email of "" or "not-an-email", a blank name. */
  @Test
  void patchRefusesWhatACreateWouldRefuse() {
    int id = createAlice();
    String before = http.get("/api/users/" + id).raw();

    assertProblem(http.patch("/api/users/" + id, "{\"email\": \"not-an-email\"}"), 400, "email", "");
    assertProblem(http.patch("/api/users/" + id, "{\"email\": \"\"}"), 400, "email", "");
    assertProblem(http.patch("/api/users/" + id, "{\"name\": \"   \", \"age\": 31}"), 400, "name", "");
    assertProblem(http.patch("/api/users/" + id, "{\"name\": \"" + "x".repeat(101) + "\"}"), 400, "name", "");
    assertThat(http.get("/api/users/" + id).raw()).isEqualTo(before);
    assertThat(http.patch("/api/users/" + id, "{\"email\": \"alice2@example.com\"}").status()).isEqualTo(200);
  }

  @Test
  void upsertAnswers201ThenOk() {
    Response created = http.put("/api/users/by-email/alice@example.com", "{\"name\": \"Alice\", \"age\": 30}");
    Response updated = http.put("/api/users/by-email/alice@example.com", "{\"name\": \"Alice V2\", \"age\": 32}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().get("created").asBoolean()).isTrue();
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.body().get("created").isBoolean()).isTrue();
    assertThat(updated.body().get("created").asBoolean()).isFalse();
    assertThat(updated.body().get("user").get("name").asString()).isEqualTo("Alice V2");
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void upsertRefusesAnInvalidEmail() {
    assertProblem(http.put("/api/users/by-email/not-an-email", "{\"name\": \"X\"}"), 400, "email", "");
    assertThat(rows()).isZero();
  }

  @Test
  void deleteByIdAnswers204() {
    seed();
    int alice = jdbc.sql("SELECT id FROM users WHERE name = 'Alice'").query(Integer.class).single();

    assertThat(http.delete("/api/users/" + alice).status()).isEqualTo(204);
    assertThat(jdbc.sql("SELECT count(*) FROM users WHERE id = ?").param(alice).query(Integer.class).single()).isZero();
  }

  @Test
  void destroyByFilterCountsWhatItDeleted() {
    seed();

    Response destroyed = http.post("/api/users/delete", "{\"where\": {\"age\": {\"$gte\": 35}}}");

    assertThat(destroyed.body().get("deleted").asInt()).isEqualTo(2);
    assertThat(jdbc.sql("SELECT name FROM users ORDER BY name").query(String.class).list()).containsExactly("Alice", "Bob");
  }

  @Test
  void destroyRefusesAnEmptyFilter() {
    seed();

    assertProblem(http.post("/api/users/delete", "{\"where\": {}}"), 400, "where", "destroy needs a filter");
    assertProblem(http.post("/api/users/delete", "{}"), 400, "where", "");
    assertThat(rows()).isEqualTo(4);
  }

  @Test
  void statsUnderTheSameFilters() {
    seed();

    JsonNode all = http.get("/api/users/stats").body();
    JsonNode filtered = http.get("/api/users/stats?isActive=true").body();

    assertThat(all.get("count").asInt()).isEqualTo(4);
    assertThat(all.get("sum").asInt()).isEqualTo(130);
    assertThat(all.get("avg").asDouble()).isEqualTo(32.5);
    assertThat(all.get("min").asInt()).isEqualTo(25);
    assertThat(all.get("max").asInt()).isEqualTo(40);
    assertThat(filtered.get("count").asInt()).isEqualTo(3);
    assertThat(filtered.get("max").asInt()).isEqualTo(35);
  }
}
