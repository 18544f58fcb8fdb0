package dev.inkwell.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.inkwell.app.Http;

/**
 * A body that cannot be read is a 400 that says where and why in the client's terms (Spring's default
 * says "Failed to read request"), and nothing is read other than as it was written: a whole-number
 * field refuses 1.5 rather than storing 1, a name given twice is refused rather than read as its
 * last value, and a null in a list of rows or numbers is refused rather than read as a row or a zero.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "inkwell.security.token=test-token")
class RequestBodiesTest {

  @LocalServerPort
  int port;
  @Autowired
  JdbcTemplate jdbc;

  @BeforeEach
  @AfterEach
  void empty() {
    jdbc.update("DELETE FROM users");
    jdbc.update("DELETE FROM tags");
    jdbc.update("DELETE FROM embeddings");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      /api/users            | {"email": "a@example.com", "name": "A", "age": 1.5}                   | age      | age must be a whole number from -2147483648 to 2147483647
      /api/users            | {"email": "a@example.com", "name": "A", "age": 99999999999}           | age      | age must be a whole number from -2147483648 to 2147483647
      /api/users            | {"email": "a@example.com", "name": "A", "isActive": "yes"}            | isActive | isActive must be true or false
      /api/users/bulk       | [{"email": "a@example.com", "name": "A"}, {"email": "b@example.com", "name": "B", "age": true}] | [1].age | [1].age must be a whole number from -2147483648 to 2147483647
      /api/users/with-post  | {"user": {"email": "a@example.com", "name": "A", "age": "old"}, "post": {"title": "T"}} | user.age | user.age must be a whole number from -2147483648 to 2147483647
      /api/users            | [1]                                                                   |          | the body must be an object
      /api/users/bulk       | {}                                                                    |          | the body must be an array
      /api/users            | {"email": "a@example.com", "name": "A", "name": "B"}                  |          | malformed JSON at line 1, column 47: Duplicate Object property "name"
      /api/users            | {"email": "a@example.com", "name": "A"                                |          | malformed JSON at line 1, column 39: Unexpected end-of-input: expected close marker for Object
      /api/embeddings/search | {"vector": [1, "x", 1]}                                              | vector[1] | vector[1] must be a number
      /api/embeddings/search | {"vector": [1, null, 1]}                                             | vector[1] | vector[1] must be a number
      /api/embeddings/search | {"vector": [1, [1], 1]}                                              | vector[1] | vector[1] must be a number
      /api/embeddings/search | {"vector": true}                                                     | vector   | vector must be an array
      /api/users/bulk       | [{"email": "a@example.com", "name": "A"}, null]                      | [1]      | [1] must not be null
      /api/users/bulk?onConflict=merge | [null]                                                    | [0]      | [0] must not be null
      /api/tags/bulk?onConflict=merge | [{"name": "a"}, null]                                      | [1]      | [1] must not be null
      /api/embeddings/bulk  | [null]                                                                | [0]      | [0] must not be null
      """)
  void saysWhereAndWhyAndWritesNothing(String path, String body, String field, String detail) {
    Http.Response refused = new Http(port).withToken("test-token").post(path, body);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().get("detail").asString()).isEqualTo(detail);
    assertThat(refused.body().path("field").asString(null)).isEqualTo(field);
    assertThat(jdbc.queryForObject("SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM tags)"
        + " + (SELECT count(*) FROM embeddings)", Integer.class)).isZero();
  }
}
