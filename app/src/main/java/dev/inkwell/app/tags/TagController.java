package dev.inkwell.app.tags;

import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.inkwell.app.web.QueryParams;
import dev.inkwell.posts.TagWithPosts;
import dev.inkwell.query.FindOptions;
import dev.inkwell.query.Page;
import dev.inkwell.query.Paging;
import dev.inkwell.query.WhereJson;
import dev.inkwell.tags.NewTag;
import dev.inkwell.tags.Tag;
import jakarta.validation.Valid;
import tools.jackson.databind.JsonNode;

/** Tags over HTTP: CRUD, search, and a tag's posts. */
@RestController
@io.swagger.v3.oas.annotations.tags.Tag(name = "Tags")
@RequestMapping("/api/tags")
class TagController {

  private final TagUseCases tags;
  private final Paging paging;

  TagController(TagUseCases tags, Paging paging) {
    this.tags = tags;
    this.paging = paging;
  }

  @Operation(summary = "Create a tag")
  @PostMapping
  ResponseEntity<Tag> create(@Valid @RequestBody NewTag tag) {
    Tag created = tags.create(tag);
    return ResponseEntity.created(URI.create("/api/tags/" + created.id())).body(created);
  }

  @Operation(summary = "Find a tag by id")
  @GetMapping("/{id}")
  Tag get(@PathVariable int id) {
    return tags.get(id);
  }

  @Operation(summary = "A tag with its posts")
  @GetMapping("/{id}/posts")
  TagWithPosts posts(@PathVariable int id) {
    return tags.withPosts(id);
  }

  @Operation(summary = "List tags with filters, order and paging")
  @GetMapping
  Page<Tag> list(@io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
    QueryParams query = QueryParams.parse(params, paging);
    return tags.page(query.options(), query.page());
  }

  @Operation(summary = "Search tags with Sequelize findAll options")
  @PostMapping("/search")
  Page<Tag> search(@RequestBody(required = false) JsonNode body) {
    FindOptions options = WhereJson.findOptions(body);
    return tags.page(options, QueryParams.pageOf(options, paging));
  }

  @Operation(summary = "Rename a tag")
  @PatchMapping("/{id}")
  Tag rename(@PathVariable int id, @Valid @RequestBody NewTag tag) {
    return tags.rename(id, tag);
  }

  @Operation(summary = "Delete a tag (its links go, posts stay)")
  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable int id) {
    tags.delete(id);
    return ResponseEntity.noContent().build();
  }

  @Operation(summary = "Delete the tags a filter selects")
  @PostMapping("/delete")
  Map<String, Integer> destroy(@RequestBody JsonNode body) {
    return Map.of("deleted", tags.destroy(WhereJson.parse(body == null ? null : body.get("where"))));
  }
}
