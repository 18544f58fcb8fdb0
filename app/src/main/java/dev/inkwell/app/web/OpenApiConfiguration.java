package dev.inkwell.app.web;

import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.inkwell.app.security.AuthenticationMode;

/** The OpenAPI document (/v3/api-docs, Swagger UI at /swagger-ui.html), with the bearer scheme when a token is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class OpenApiConfiguration {

  static final String FILTERS = """
      Inkwell: DB9's Sequelize guide done with MyBatis. List endpoints take Sequelize-style filters: \
      in a query string `age[$gte]=25&name[$iLike]=%25ali%25` (a bare `name=Alice` means equals), \
      `order=-age,name`, `fields=id,name`, `page`, `size`; search bodies take \
      `{"where": {"age": {"$gte": 25}, "$or": [{...}]}, "attributes": [...], "order": [["age","DESC"]], "limit": 10, "offset": 0}`. \
      Operators: $eq $ne $gt $gte $lt $lte $between $notBetween $in $notIn $like $notLike $iLike $notILike \
      $startsWith $endsWith $substring $is $not $contains $hasKey, and $and/$or/$not. A path in metadata \
      compares by the value's JSON type (`{"metadata.score": {"$gt": 5}}`); related rows filter parents \
      (`{"posts": {"$some"|"$none"|"$every": {...}}}`, `{"author": {...}}`, `{"tags": {"$some": {...}}}`). \
      `POST .../aggregate` groups and aggregates (`groupBy`, `aggregates`, `having`, `order`, `limit`). Pages are \
      `{"items": [...], "total", "page", "size", "pages", "hasNext"}`; with `after=<cursor>` (or `before`; empty \
      for the first or last window) instead of `page` a list answers a keyset window \
      `{"items": [...], "next": cursor|null, "prev": cursor|null}`, in a search body `"after": "<cursor>"`. \
      `count=exact|planned|none` says how `total` is computed (exact by default for pages, none for windows). \
      `GET .../export?format=ndjson|csv` streams every matching row. Single-entity GETs carry a strong ETag \
      (`If-None-Match` answers 304); PATCH, PUT and DELETE take `If-Match` (412 when the row changed). Errors \
      are RFC 9457 problem documents `{"type", "title", "status", "detail", "field"}`.""";

  /** An example request body per operation ("METHOD path"). */
  static final Map<String, String> EXAMPLES = Map.ofEntries(
      Map.entry("post /api/users", "{\"email\": \"alice@example.com\", \"name\": \"Alice\", \"age\": 30, \"metadata\": {\"role\": \"admin\"}}"),
      Map.entry("post /api/users/bulk", "[{\"email\": \"bob@example.com\", \"name\": \"Bob\", \"age\": 25}]"),
      Map.entry("post /api/users/with-post", "{\"user\": {\"email\": \"txn@example.com\", \"name\": \"Txn User\"}, "
          + "\"post\": {\"title\": \"Transactional Post\", \"content\": \"Atomic.\"}}"),
      Map.entry("post /api/users/search", "{\"where\": {\"age\": {\"$gte\": 25}, \"name\": {\"$iLike\": \"%ali%\"}}, "
          + "\"attributes\": [\"id\", \"name\"], \"order\": [[\"age\", \"DESC\"]], \"limit\": 10, \"offset\": 0}"),
      Map.entry("post /api/users/delete", "{\"where\": {\"email\": \"carol@example.com\"}}"),
      Map.entry("patch /api/users/{id}", "{\"name\": \"Alice Updated\", \"bio\": null}"),
      Map.entry("put /api/users/by-email/{email}", "{\"name\": \"Alice V2\", \"age\": 32}"),
      Map.entry("post /api/posts", "{\"title\": \"Hello\", \"content\": \"World\", \"published\": true, \"authorId\": 1}"),
      Map.entry("post /api/posts/search", "{\"where\": {\"published\": true}, \"order\": [[\"createdAt\", \"DESC\"]], \"limit\": 20}"),
      Map.entry("post /api/posts/delete", "{\"where\": {\"published\": false}}"),
      Map.entry("patch /api/posts/{id}", "{\"published\": true}"),
      Map.entry("put /api/posts/{id}/tags", "{\"names\": [\"db9\", \"java\"]}"),
      Map.entry("post /api/posts/{id}/tags", "{\"tagIds\": [1, 2]}"),
      Map.entry("post /api/users/aggregate", "{\"where\": {\"age\": {\"$gte\": 18}}, \"groupBy\": [\"isActive\", "
          + "{\"$dateTrunc\": [\"month\", \"createdAt\"]}], \"aggregates\": {\"n\": {\"$count\": \"*\"}, \"avgAge\": {\"$avg\": \"age\"}}, "
          + "\"having\": {\"n\": {\"$gt\": 1}}, \"order\": [[\"n\", \"DESC\"]], \"limit\": 10}"),
      Map.entry("post /api/posts/aggregate", "{\"groupBy\": [\"authorId\"], \"aggregates\": {\"posts\": {\"$count\": \"*\"}}, "
          + "\"order\": [[\"posts\", \"DESC\"]]}"),
      Map.entry("post /api/tags/aggregate", "{\"aggregates\": {\"tags\": {\"$count\": \"*\"}, \"first\": {\"$min\": \"name\"}}}"),
      Map.entry("post /api/posts/search/semantic", "{\"query\": \"how do I revive a sourdough starter\", \"mode\": \"hybrid\", "
          + "\"k\": 10, \"where\": {\"published\": true, \"tags\": {\"name\": \"baking\"}}}"),
      Map.entry("post /api/embeddings/aggregate", "{\"groupBy\": [\"name\"], \"aggregates\": {\"n\": {\"$count\": \"*\"}}}"),
      Map.entry("post /api/tags", "{\"name\": \"db9\"}"),
      Map.entry("post /api/tags/bulk", "[{\"name\": \"db9\"}, {\"name\": \"sql\"}]"),
      Map.entry("post /api/tags/search", "{\"where\": {\"name\": {\"$startsWith\": \"d\"}}}"),
      Map.entry("post /api/tags/delete", "{\"where\": {\"name\": \"old\"}}"),
      Map.entry("patch /api/tags/{id}", "{\"name\": \"db9-cloud\"}"),
      Map.entry("post /api/embeddings", "{\"name\": \"doc-1\", \"embedding\": [1.0, 2.0, 3.0]}"),
      Map.entry("post /api/embeddings/bulk", "[{\"name\": \"doc-2\", \"embedding\": [0.5, 0.1, 0.9]}]"),
      Map.entry("put /api/embeddings/{id}", "{\"name\": \"doc-1\", \"embedding\": [3.0, 2.0, 1.0]}"),
      Map.entry("post /api/embeddings/search", "{\"vector\": [1, 1, 1], \"metric\": \"cosine\", \"k\": 5, \"maxDistance\": 1.0, "
          + "\"where\": {\"name\": {\"$iLike\": \"doc-%\"}}, \"efSearch\": 100}"));

  /**
   * The parameters the list, export and single-entity handlers read from the raw query string and
   * headers (springdoc cannot see them): documented with examples on every such operation.
   */
  @Bean
  OpenApiCustomizer listAndConditionalParameters() {
    return api -> api.getPaths().forEach((path, item) -> {
      boolean byId = path.endsWith("/{id}");
      if (item.getGet() != null && path.matches("/api/[a-z]+")) {
        item.getGet().addParametersItem(query("after", "a keyset cursor (a window's next); empty: the first window", ""))
            .addParametersItem(query("before", "a keyset cursor (a window's prev); empty: the last window", null))
            .addParametersItem(query("page", "1-based page number (OFFSET paging; not with after/before)", "1"))
            .addParametersItem(query("size", "rows per page or window (default 20, at most 100)", "20"))
            .addParametersItem(query("count", "exact (default for pages), planned (the planner's estimate), none (default for windows)", "none"))
            .addParametersItem(query("order", "fields, minus for descending; id ends every order", "-id"))
            .addParametersItem(query("fields", "only these fields", null));
      }
      if (item.getGet() != null && path.endsWith("/export")) {
        item.getGet().addParametersItem(query("format", "ndjson (default) or csv (RFC 4180)", "csv"))
            .addParametersItem(query("snapshot", "true: every chunk in one REPEATABLE READ read-only transaction", "false"))
            .addParametersItem(query("after", "resume after this id (order by id alone)", null))
            .addParametersItem(query("order", "as for the list", "id"))
            .addParametersItem(query("fields", "only these fields (CSV columns)", null));
      }
      if (byId && item.getGet() != null) {
        item.getGet().addParametersItem(header("If-None-Match", "an ETag read earlier: 304 without a body when it still matches"));
      }
      if (byId || path.endsWith("/by-email/{email}")) {
        for (Operation write : new Operation[] {item.getPatch(), item.getPut(), item.getDelete()}) {
          if (write != null) {
            write.addParametersItem(header("If-Match", "the ETag of the version read: 412 problem when the row changed since; "
                + "required (428) with inkwell.http.require-if-match=true"));
          }
        }
      }
    });
  }

  private static Parameter query(String name, String description, String example) {
    Parameter parameter = new Parameter()
        .in("query").name(name).description(description).required(false).schema(new StringSchema());
    return example == null ? parameter : parameter.example(example);
  }

  private static Parameter header(String name, String description) {
    return new Parameter().in("header").name(name).description(description)
        .required(false).schema(new StringSchema()).example("\"1a2b3c\"");
  }

  /** Puts the example into each request body the table names. */
  @Bean
  OpenApiCustomizer requestExamples() {
    return api -> api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
      String example = EXAMPLES.get(method.name().toLowerCase() + " " + path);
      if (example != null && operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
        operation.getRequestBody().getContent().values().forEach(media -> media.setExample(tree(example)));
      }
    }));
  }

  /** The example as a JSON tree of swagger's own (Jackson 2) mapper, so it is shown as JSON, not a string. */
  private static Object tree(String json) {
    try {
      return io.swagger.v3.core.util.Json.mapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException("bad example " + json, e);
    }
  }

  @Bean
  OpenAPI inkwellOpenApi(AuthenticationMode authentication) {
    OpenAPI api = new OpenAPI().info(new Info().title("Inkwell").version("0.1.0").description(FILTERS));
    if (authentication.authenticates()) {
      api.components(new Components().addSecuritySchemes("bearer",
              new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                  .description("the static token or a JWT: writes need inkwell.write (reads need inkwell.read "
                      + "when inkwell.security.protect-reads is on)")))
          .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
    return api;
  }
}
