package dev.inkwell.app.users;

import java.io.IOException;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.inkwell.app.web.Attributes;
import dev.inkwell.app.web.BulkLimit;
import dev.inkwell.app.web.EntityTags;
import dev.inkwell.app.web.ExportRequest;
import dev.inkwell.app.web.Exporter;
import dev.inkwell.app.web.IfMatch;
import dev.inkwell.app.web.PatchBodies;
import dev.inkwell.app.web.Preconditions;
import dev.inkwell.app.web.QueryParams;
import dev.inkwell.posts.UserWithPosts;
import dev.inkwell.query.AggregationJson;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.OnConflict;
import dev.inkwell.query.Paging;
import dev.inkwell.query.Stats;
import dev.inkwell.query.Where;
import dev.inkwell.query.WhereJson;
import dev.inkwell.users.NewUser;
import dev.inkwell.users.UpsertResult;
import dev.inkwell.users.User;
import dev.inkwell.users.UserFields;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The guide's User calls over HTTP. */
@RestController
@Tag(name = "Users")
@RequestMapping("/api/users")
class UserController {

  private final UserUseCases users;
  private final Paging paging;
  private final JsonMapper json;
  private final Validator validator;
  private final BulkLimit bulk;
  private final Preconditions preconditions;
  private final Exporter exporter;

  UserController(UserUseCases users, Paging paging, JsonMapper json, Validator validator, BulkLimit bulk,
      Preconditions preconditions, Exporter exporter) {
    this.users = users;
    this.paging = paging;
    this.json = json;
    this.validator = validator;
    this.bulk = bulk;
    this.preconditions = preconditions;
    this.exporter = exporter;
  }

  @Operation(summary = "Create a user (User.create)")
  @PostMapping
  ResponseEntity<User> create(@Valid @RequestBody NewUser user) {
    User created = users.create(user);
    return ResponseEntity.created(URI.create("/api/users/" + created.id())).body(created);
  }

  /** The guide's managed transaction: {@code {"user": {...}, "post": {"title": .., "content": ..}}}; both or neither. */
  @Operation(summary = "Create a user and its first post in one transaction")
  @PostMapping("/with-post")
  @ResponseStatus(HttpStatus.CREATED)
  UserWithPosts createWithPost(@Valid @RequestBody WithPostBody body) {
    return users.createWithPost(body.user(), body.post());
  }

  record WithPostBody(@Valid @NotNull NewUser user, @Valid @NotNull UserUseCases.PostDraft post) {
  }

  /** One year older; retried on serialization conflicts, so it does not fail under concurrency. */
  @Operation(summary = "Increment a user's age (retried on serialization conflicts)")
  @PostMapping("/{id}/birthday")
  User birthday(@PathVariable int id) {
    return users.birthday(id);
  }

  /**
   * Without {@code onConflict}: all or nothing, a duplicate email is a 409 (201 with the users). With
   * {@code onConflict=merge|ignore}: a bulk upsert by email (200 with
   * {@code {"rows": [{"id", "email", "created"}], "created", "updated", "ignored"}}).
   */
  @Operation(summary = "Create many users (User.bulkCreate), or upsert them by email (onConflict=merge|ignore)")
  @PostMapping("/bulk")
  ResponseEntity<?> bulkCreate(@RequestBody List<@Valid NewUser> batch, @RequestParam(required = false) String onConflict) {
    OnConflict mode = OnConflict.parse(onConflict);
    if (mode != null) {
      return ResponseEntity.ok(users.bulkUpsert(bulk.check(batch), mode));
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(users.bulkCreate(bulk.check(batch)));
  }

  /**
   * {@code ?format=ndjson|csv} with a list's filters, order and fields: every matching user, streamed in
   * keyset chunks; {@code snapshot=true} for one consistent snapshot; {@code after=<id>} resumes.
   */
  @Operation(summary = "Export users as NDJSON or CSV (every matching row, streamed)")
  @GetMapping("/export")
  void export(@io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params,
      HttpServletResponse response) throws IOException {
    ExportRequest export = ExportRequest.parse(params, paging);
    exporter.<User>write(response, "users", export, UserFields.USERS.names(), sink -> users.export(export.query().options(),
        export.snapshot(), export.afterId(), exporter.chunkSize(), sink));
  }

  /** {@code ?include=posts}, {@code posts.tags}, {@code &posts.published=true&required=true|false}. */
  @Operation(summary = "Find a user by id, optionally with posts (include=posts, posts.tags)")
  @GetMapping("/{id}")
  ResponseEntity<?> get(@PathVariable int id, @io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
    UserIncludeParams include = UserIncludeParams.parse(params);
    if (include.posts() == null) {
      User user = users.get(id);
      // With an ETag on the entity, Spring MVC answers If-None-Match itself (304, no body).
      return ResponseEntity.ok().eTag(EntityTags.of(user.updatedAt())).body(user);
    }
    UserWithPosts graph = users.getWithPosts(id, include.posts());
    return ResponseEntity.ok().eTag(EntityTags.of(graph)).body(graph);
  }

  /**
   * {@code ?age[$gte]=25&name[$iLike]=%25ali%25&order=-age,name&fields=id,name&page=1&size=20}, and
   * {@code include=posts[.tags]} with {@code posts.*} filters and {@code required}.
   */
  @Operation(summary = "List users with filters, order, fields and paging")
  @GetMapping
  Object list(@io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
    UserIncludeParams include = UserIncludeParams.parse(params);
    QueryParams query = QueryParams.parse(include.userParams(), paging);
    if (include.posts() != null) {
      if (!query.options().attributes().isEmpty()) {
        throw new InvalidQueryException("fields", "fields cannot be combined with include");
      }
      return query.keyset() ? users.windowWithPosts(query.options(), include.posts(), query.scroll())
          : users.pageWithPosts(query.options(), include.posts(), query.page());
    }
    return list(query);
  }

  /** Sequelize's findAll options as a JSON body (and {@code after}/{@code before}, {@code count}), answered with a page or window. */
  @Operation(summary = "Search users with Sequelize findAll options")
  @PostMapping("/search")
  Object search(@RequestBody(required = false) JsonNode body) {
    return list(QueryParams.ofBody(body, paging));
  }

  private Object list(QueryParams query) {
    List<String> fields = query.options().attributes();
    return query.keyset() ? users.window(query.options(), query.scroll()).map(user -> Attributes.project(user, fields, json))
        : users.page(query.options(), query.page()).map(user -> Attributes.project(user, fields, json));
  }

  /**
   * Sequelize's {@code fn}/{@code group}: {@code {"where", "groupBy", "aggregates", "having", "order", "limit"}}
   * → {@code {"rows": [...]}}.
   */
  @Operation(summary = "Aggregate users: group by fields, JSON paths or truncated timestamps; count, sum, avg, min, max; having; order")
  @PostMapping("/aggregate")
  Map<String, Object> aggregate(@RequestBody JsonNode body) {
    return Map.of("rows", users.aggregate(AggregationJson.parse(body)));
  }

  /** The simple case in a query string: {@code ?groupBy=a,b&count=*&sum=age&order=-count&limit=10} and filters. */
  @Operation(summary = "Aggregate users from a query string (groupBy, count, countDistinct, sum, avg, min, max, order, limit)")
  @GetMapping("/aggregate")
  Map<String, Object> aggregate(@io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
    return Map.of("rows", users.aggregate(AggregationJson.parse(params)));
  }

  @Operation(summary = "Count, sum, avg, min and max of age under a filter")
  @GetMapping("/stats")
  Stats stats(@io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
    return users.stats(QueryParams.parse(params, paging).options().where());
  }

  /** Only the attributes present in the body change; a present null clears a nullable one. */
  @Operation(summary = "Change some attributes of a user")
  @PatchMapping("/{id}")
  ResponseEntity<User> update(@PathVariable int id, @RequestBody Map<String, Object> changes,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    PatchBodies.check(validator, NewUser.class, changes);
    User user = users.update(id, changes, preconditions.ifMatch(ifMatch));
    return ResponseEntity.ok().eTag(EntityTags.of(user.updatedAt())).body(user);
  }

  /** Upsert by email: 201 when it created the user, 200 when it updated it (or cannot tell). */
  @Operation(summary = "Insert or update a user by email (User.upsert)")
  @PutMapping("/by-email/{email}")
  ResponseEntity<?> upsert(@PathVariable String email, @RequestBody UpsertBody body,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    if (body.email() != null && !body.email().equals(email)) {
      throw new InvalidQueryException("email", "the body's email differs from the one in the path");
    }
    NewUser user = new NewUser(email, body.name(), body.age(), body.isActive(), body.bio(), body.metadata(), body.phone());
    validator.validate(user).stream().min(Comparator.comparing(v -> v.getPropertyPath().toString())).ifPresent(v -> {
      throw new InvalidQueryException(v.getPropertyPath().toString(), v.getPropertyPath() + ": " + v.getMessage());
    });
    IfMatch precondition = preconditions.ifMatch(ifMatch);
    if (precondition != null) {
      User updated = users.updateByEmail(user, precondition);
      return ResponseEntity.ok().eTag(EntityTags.of(updated.updatedAt())).body(new UpsertResult(updated, false));
    }
    UpsertResult result = users.upsert(user);
    return ResponseEntity.status(Boolean.TRUE.equals(result.created()) ? HttpStatus.CREATED : HttpStatus.OK).body(result);
  }

  /** The upsert body: a user whose email may be left out (it is in the path). */
  record UpsertBody(String email, String name, Integer age, Boolean isActive, String bio,
      Map<String, Object> metadata, String phone) {
  }

  @Operation(summary = "Delete a user (posts and links cascade)")
  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable int id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    users.delete(id, preconditions.ifMatch(ifMatch));
    return ResponseEntity.noContent().build();
  }

  /** Sequelize's destroy: {@code {"where": {...}}}; an empty filter is refused. */
  @Operation(summary = "Delete the users a filter selects (User.destroy)")
  @PostMapping("/delete")
  Map<String, Integer> destroy(@RequestBody JsonNode body) {
    Where where = WhereJson.parse(body == null ? null : body.get("where"));
    return Map.of("deleted", users.destroy(where));
  }
}
