package dev.inkwell.app.tags;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.inkwell.app.web.BulkLimit;
import dev.inkwell.app.web.EntityTags;
import dev.inkwell.app.web.ExportRequest;
import dev.inkwell.app.web.Exporter;
import dev.inkwell.app.web.Preconditions;
import dev.inkwell.app.web.QueryParams;
import dev.inkwell.posts.TagWithPosts;
import dev.inkwell.query.AggregationJson;
import dev.inkwell.query.BulkUpsert;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.OnConflict;
import dev.inkwell.query.Paging;
import dev.inkwell.query.WhereJson;
import dev.inkwell.tags.NewTag;
import dev.inkwell.tags.Tag;
import dev.inkwell.tags.TagFields;
import dev.inkwell.tags.TagService;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Tags over HTTP: CRUD, search, and a tag's posts. */
@RestController
@io.swagger.v3.oas.annotations.tags.Tag(name = "Tags")
@RequestMapping("/api/tags")
class TagController {

  private final TagUseCases tags;
  private final Paging paging;
  private final JsonMapper json;
  private final Preconditions preconditions;
  private final Exporter exporter;
  private final BulkLimit bulk;

  TagController(TagUseCases tags, Paging paging, JsonMapper json, Preconditions preconditions, Exporter exporter,
      BulkLimit bulk) {
    this.tags = tags;
    this.paging = paging;
    this.json = json;
    this.preconditions = preconditions;
    this.exporter = exporter;
    this.bulk = bulk;
  }

  @Operation(summary = "Create a tag")
  @PostMapping
  ResponseEntity<Tag> create(@Valid @RequestBody NewTag tag) {
    Tag created = tags.create(tag);
    return ResponseEntity.created(URI.create("/api/tags/" + created.id())).body(created);
  }

  /** {@code [{"name": "db9"}, ...]}: the missing names created; {@code {"rows": [{"id", "name", "created"}], ...}}. */
  @Operation(summary = "Create many tags by name, keeping existing ones (onConflict=merge|ignore)")
  @PostMapping("/bulk")
  BulkUpsert bulkUpsert(@RequestBody List<@Valid NewTag> batch, @RequestParam(required = false) String onConflict) {
    OnConflict mode = OnConflict.parse(onConflict);
    if (mode == null) {
      throw new InvalidQueryException("onConflict", "give onConflict=merge or onConflict=ignore: what to do with a name that exists");
    }
    return tags.bulkUpsert(bulk.check(batch), mode);
  }

  /**
   * {@code ?format=ndjson|csv} with a list's filters, order and fields: every matching tag, streamed in
   * keyset chunks; {@code snapshot=true} for one consistent snapshot; {@code after=<id>} resumes.
   */
  @Operation(summary = "Export tags as NDJSON or CSV (every matching row, streamed)")
  @GetMapping("/export")
  void export(@io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params,
      HttpServletResponse response) throws IOException {
    ExportRequest export = ExportRequest.parse(params, paging);
    exporter.<Tag>write(response, "tags", export, TagFields.TAGS.names(), sink -> tags.export(export.query().options(),
        export.snapshot(), export.afterId(), exporter.chunkSize(), sink));
  }

  @Operation(summary = "Find a tag by id")
  @GetMapping("/{id}")
  ResponseEntity<Tag> get(@PathVariable int id) {
    Tag tag = tags.get(id);
    return ResponseEntity.ok().eTag(EntityTags.quoted(TagService.version(tag))).body(tag);
  }

  @Operation(summary = "A tag with its posts")
  @GetMapping("/{id}/posts")
  ResponseEntity<TagWithPosts> posts(@PathVariable int id) {
    TagWithPosts tag = tags.withPosts(id);
    return ResponseEntity.ok().eTag(EntityTags.ofContent(json.writeValueAsString(tag))).body(tag);
  }

  @Operation(summary = "List tags with filters, order and paging")
  @GetMapping
  Object list(@io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
    return list(QueryParams.parse(params, paging));
  }

  @Operation(summary = "Search tags with Sequelize findAll options")
  @PostMapping("/search")
  Object search(@RequestBody(required = false) JsonNode body) {
    return list(QueryParams.ofBody(body, paging));
  }

  private Object list(QueryParams query) {
    return query.keyset() ? tags.window(query.options(), query.scroll()) : tags.page(query.options(), query.page());
  }

  /**
   * Sequelize's {@code fn}/{@code group}: {@code {"where", "groupBy", "aggregates", "having", "order", "limit"}}
   * → {@code {"rows": [...]}}.
   */
  @Operation(summary = "Aggregate tags: group by fields, JSON paths or truncated timestamps; count, sum, avg, min, max; having; order")
  @PostMapping("/aggregate")
  Map<String, Object> aggregate(@RequestBody JsonNode body) {
    return Map.of("rows", tags.aggregate(AggregationJson.parse(body)));
  }

  /** The simple case in a query string: {@code ?groupBy=a,b&count=*&sum=age&order=-count&limit=10} and filters. */
  @Operation(summary = "Aggregate tags from a query string (groupBy, count, countDistinct, sum, avg, min, max, order, limit)")
  @GetMapping("/aggregate")
  Map<String, Object> aggregate(@io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
    return Map.of("rows", tags.aggregate(AggregationJson.parse(params)));
  }

  @Operation(summary = "Rename a tag")
  @PatchMapping("/{id}")
  ResponseEntity<Tag> rename(@PathVariable int id, @Valid @RequestBody NewTag tag,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    Tag renamed = tags.rename(id, tag, preconditions.ifMatch(ifMatch));
    return ResponseEntity.ok().eTag(EntityTags.quoted(TagService.version(renamed))).body(renamed);
  }

  @Operation(summary = "Delete a tag (its links go, posts stay)")
  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable int id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    tags.delete(id, preconditions.ifMatch(ifMatch));
    return ResponseEntity.noContent().build();
  }

  @Operation(summary = "Delete the tags a filter selects")
  @PostMapping("/delete")
  Map<String, Integer> destroy(@RequestBody JsonNode body) {
    return Map.of("deleted", tags.destroy(WhereJson.parse(body == null ? null : body.get("where"))));
  }
}
