package dev.inkwell.app.posts;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import org.springframework.http.HttpHeaders;
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
import org.springframework.web.bind.annotation.RestController;

import dev.inkwell.app.posts.PostUseCases.TagsBody;
import dev.inkwell.app.web.Attributes;
import dev.inkwell.app.web.BulkLimit;
import dev.inkwell.app.web.EntityTags;
import dev.inkwell.app.web.ExportRequest;
import dev.inkwell.app.web.Exporter;
import dev.inkwell.app.web.PatchBodies;
import dev.inkwell.app.web.Preconditions;
import dev.inkwell.app.web.QueryParams;
import dev.inkwell.posts.NewPost;
import dev.inkwell.posts.Post;
import dev.inkwell.posts.PostFields;
import dev.inkwell.posts.PostInclude;
import dev.inkwell.query.AggregationJson;
import dev.inkwell.query.Paging;
import dev.inkwell.query.WhereJson;
import dev.inkwell.tags.Tag;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Posts over HTTP: CRUD, search, {@code include=author,tags}, and a post's tags. */
@RestController
@io.swagger.v3.oas.annotations.tags.Tag(name = "Posts")
@RequestMapping("/api/posts")
class PostController {

  private final PostUseCases posts;
  private final Paging paging;
  private final JsonMapper json;
  private final Preconditions preconditions;
  private final Exporter exporter;
  private final Validator validator;
  private final BulkLimit bulk;

  PostController(PostUseCases posts, Paging paging, JsonMapper json, Preconditions preconditions, Exporter exporter,
      Validator validator, BulkLimit bulk) {
    this.posts = posts;
    this.paging = paging;
    this.json = json;
    this.preconditions = preconditions;
    this.exporter = exporter;
    this.validator = validator;
    this.bulk = bulk;
  }

  @Operation(summary = "Create a post")
  @PostMapping
  ResponseEntity<Post> create(@Valid @RequestBody NewPost post) {
    Post created = posts.create(post);
    return ResponseEntity.created(URI.create("/api/posts/" + created.id())).body(created);
  }

  /**
   * {@code ?format=ndjson|csv} with a list's filters, order and fields: every matching post, streamed in
   * keyset chunks; {@code snapshot=true} for one consistent snapshot; {@code after=<id>} resumes.
   */
  @Operation(summary = "Export posts as NDJSON or CSV (every matching row, streamed)")
  @GetMapping("/export")
  void export(@io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params,
      HttpServletResponse response) throws IOException {
    ExportRequest export = ExportRequest.parse(params, paging);
    exporter.<Post>write(response, "posts", export, PostFields.POSTS.names(), sink -> posts.export(export.query().options(),
        export.snapshot(), export.afterId(), exporter.chunkSize(), sink));
  }

  @Operation(summary = "Find a post by id, optionally with author and tags")
  @GetMapping("/{id}")
  ResponseEntity<Post> get(@PathVariable int id, @RequestParam(required = false) String include) {
    PostInclude parsed = PostInclude.parse(include);
    Post post = posts.get(id, parsed);
    // The post alone is tagged by its version; with its author or tags, by the whole representation.
    String etag = parsed.equals(PostInclude.NONE) ? EntityTags.of(post.updatedAt()) : EntityTags.ofContent(json.writeValueAsString(post));
    return ResponseEntity.ok().eTag(etag).body(post);
  }

  @Operation(summary = "List posts with filters, order and paging")
  @GetMapping
  Object list(@io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
    return list(QueryParams.parse(params, paging), PostInclude.parse(QueryParams.single(params, "include")));
  }

  /**
   * findAll options as JSON; {@code limit}/{@code offset} select the page (offset a multiple of limit),
   * or {@code after}/{@code before} a keyset window of {@code limit} posts.
   */
  @Operation(summary = "Search posts with Sequelize findAll options")
  @PostMapping("/search")
  Object search(@RequestBody(required = false) JsonNode body, @RequestParam(required = false) String include) {
    return list(QueryParams.ofBody(body, paging), PostInclude.parse(include));
  }

  private Object list(QueryParams query, PostInclude include) {
    List<String> fields = query.options().attributes();
    return query.keyset() ? posts.window(query.options(), query.scroll(), include).map(post -> Attributes.project(post, fields, json))
        : posts.page(query.options(), query.page(), include).map(post -> Attributes.project(post, fields, json));
  }

  /**
   * Sequelize's {@code fn}/{@code group}: {@code {"where", "groupBy", "aggregates", "having", "order", "limit"}}
   * → {@code {"rows": [...]}}.
   */
  @Operation(summary = "Aggregate posts: group by fields, JSON paths or truncated timestamps; count, sum, avg, min, max; having; order")
  @PostMapping("/aggregate")
  Map<String, Object> aggregate(@RequestBody JsonNode body) {
    return Map.of("rows", posts.aggregate(AggregationJson.parse(body)));
  }

  /** The simple case in a query string: {@code ?groupBy=a,b&count=*&sum=age&order=-count&limit=10} and filters. */
  @Operation(summary = "Aggregate posts from a query string (groupBy, count, countDistinct, sum, avg, min, max, order, limit)")
  @GetMapping("/aggregate")
  Map<String, Object> aggregate(@io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
    return Map.of("rows", posts.aggregate(AggregationJson.parse(params)));
  }

  @Operation(summary = "Change some attributes of a post")
  @PatchMapping("/{id}")
  ResponseEntity<Post> update(@PathVariable int id, @RequestBody Map<String, Object> changes,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    PatchBodies.check(validator, NewPost.class, changes);
    Post post = posts.update(id, changes, preconditions.ifMatch(ifMatch));
    return ResponseEntity.ok().eTag(EntityTags.of(post.updatedAt())).body(post);
  }

  @Operation(summary = "Delete a post")
  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable int id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    posts.delete(id, preconditions.ifMatch(ifMatch));
    return ResponseEntity.noContent().build();
  }

  @Operation(summary = "Delete the posts a filter selects")
  @PostMapping("/delete")
  Map<String, Integer> destroy(@RequestBody JsonNode body) {
    return Map.of("deleted", posts.destroy(WhereJson.parse(body == null ? null : body.get("where"))));
  }

  /** Replaces the post's tags: {@code {"tagIds": [1, 2]}} or {@code {"names": ["db9", "java"]}}. */
  @Operation(summary = "Replace a post's tags")
  @PutMapping("/{id}/tags")
  List<Tag> setTags(@PathVariable int id, @RequestBody TagsBody body) {
    return posts.changeTags(id, limited(body), true);
  }

  /** Adds tags; ones already linked stay linked once. */
  @Operation(summary = "Add tags to a post (by id or name)")
  @PostMapping("/{id}/tags")
  List<Tag> addTags(@PathVariable int id, @RequestBody TagsBody body) {
    return posts.changeTags(id, limited(body), false);
  }

  /** A tag list is a bulk write (names that are new are created): 20,000 had made 20,000 tags at once. */
  private TagsBody limited(TagsBody body) {
    bulk.atMost("tagIds", body.tagIds());
    bulk.atMost("names", body.names());
    return body;
  }

  @Operation(summary = "Remove a tag from a post")
  @DeleteMapping("/{id}/tags/{tagId}")
  ResponseEntity<Void> removeTag(@PathVariable int id, @PathVariable int tagId) {
    posts.removeTag(id, tagId);
    return ResponseEntity.noContent().build();
  }
}
