package dev.inkwell.app.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.inkwell.app.security.SecurityProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The OpenAPI document (/v3/api-docs, Swagger UI at /swagger-ui.html), with the bearer scheme when a token is set. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  static final String FILTERS = """
      Inkwell: DB9's Sequelize guide done with MyBatis. List endpoints take Sequelize-style filters: \
      in a query string `age[$gte]=25&name[$iLike]=%25ali%25` (a bare `name=Alice` means equals), \
      `order=-age,name`, `fields=id,name`, `page`, `size`; search bodies take \
      `{"where": {"age": {"$gte": 25}, "$or": [{...}]}, "attributes": [...], "order": [["age","DESC"]], "limit": 10, "offset": 0}`. \
      Operators: $eq $ne $gt $gte $lt $lte $between $notBetween $in $notIn $like $notLike $iLike $notILike \
      $startsWith $endsWith $substring $is $not $contains $hasKey, and $and/$or/$not. Pages are \
      `{"items": [...], "total", "page", "size", "pages", "hasNext"}`; errors are RFC 9457 problem documents \
      `{"type", "title", "status", "detail", "field"}`.""";

  @Bean
  OpenAPI inkwellOpenApi(SecurityProperties security) {
    OpenAPI api = new OpenAPI().info(new Info().title("Inkwell").version("0.1.0").description(FILTERS));
    if (security.tokenConfigured()) {
      api.components(new Components().addSecuritySchemes("bearer",
              new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                  .description("inkwell.security.token: needed for writes (and reads when protect-reads is on)")))
          .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
    return api;
  }
}
