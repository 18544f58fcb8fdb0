package dev.inkwell.app.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.inkwell.app.Http;

import tools.jackson.databind.JsonNode;

/** The OpenAPI document describes every /api endpoint, its bodies, and the bearer scheme. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "inkwell.security.token=docs-token")
class ApiDocsTest {

  @LocalServerPort
  int port;
  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void everyApiEndpointIsDescribed() {
    JsonNode docs = new Http(port).get("/v3/api-docs").body();
    Set<String> endpoints = new TreeSet<>();
    mappings.getHandlerMethods().forEach((info, method) -> info.getPatternValues().stream().filter(p -> p.startsWith("/api/"))
        .forEach(p -> info.getMethodsCondition().getMethods().forEach(m -> endpoints.add(m.name().toLowerCase() + " " + p))));

    assertThat(endpoints).hasSizeGreaterThan(40);
    for (String endpoint : endpoints) {
      String[] parts = endpoint.split(" ");
      JsonNode operation = docs.get("paths").path(parts[1]).path(parts[0]);
      assertThat(operation.isMissingNode()).as(endpoint + " is documented").isFalse();
      assertThat(operation.path("summary").asString()).as(endpoint + " summary").isNotBlank();
      if (parts[0].equals("post") || parts[0].equals("put") || parts[0].equals("patch")) {
        boolean hasBody = !operation.path("requestBody").isMissingNode();
        assertThat(hasBody || parts[1].endsWith("/birthday")).as(endpoint + " request body").isTrue();
        if (hasBody) {
          assertThat(operation.path("requestBody").path("content").path("application/json").has("example"))
              .as(endpoint + " example request").isTrue();
        }
      }
    }
    assertThat(docs.get("info").get("description").asString()).contains("$iLike").contains("problem").contains("after=<cursor>");
    for (String list : java.util.List.of("/api/users", "/api/posts", "/api/tags", "/api/embeddings")) {
      assertThat(parameterNames(docs.get("paths").get(list).get("get"))).as(list).contains("after", "before", "count", "page");
      assertThat(parameterNames(docs.get("paths").get(list + "/export").get("get"))).as(list + "/export").contains("format", "snapshot", "after");
      assertThat(parameterNames(docs.get("paths").get(list + "/{id}").get("get"))).as(list + "/{id}").contains("If-None-Match");
      assertThat(parameterNames(docs.get("paths").get(list + "/{id}").get("delete"))).as(list + "/{id}").contains("If-Match");
    }
    assertThat(docs.get("paths").get("/api/users").get("get").get("parameters").findValues("example")).isNotEmpty();
    assertThat(docs.get("components").get("securitySchemes").get("bearer").get("scheme").asString()).isEqualTo("bearer");
    assertThat(new Http(port).get("/swagger-ui/index.html").status()).isEqualTo(200);
  }

  private static Set<String> parameterNames(JsonNode operation) {
    Set<String> names = new TreeSet<>();
    operation.path("parameters").forEach(p -> names.add(p.get("name").asString()));
    return names;
  }
}
