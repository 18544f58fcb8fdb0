package dev.inkwell.app.posts;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.inkwell.app.posts.PostUseCases.TagsBody;
import dev.inkwell.app.web.Attributes;
import dev.inkwell.app.web.QueryParams;
import dev.inkwell.posts.NewPost;
import dev.inkwell.posts.Post;
import dev.inkwell.posts.PostInclude;
import dev.inkwell.query.FindOptions;
import dev.inkwell.query.Page;
import dev.inkwell.query.Paging;
import dev.inkwell.query.WhereJson;
import dev.inkwell.tags.Tag;
import jakarta.validation.Valid;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Posts over HTTP: CRUD, search, {@code include=author,tags}, and a post's tags. */
@RestController
@RequestMapping("/api/posts")
class PostController {

  private final PostUseCases posts;
  private final Paging paging;
  private final JsonMapper json;

  PostController(PostUseCases posts, Paging paging, JsonMapper json) {
    this.posts = posts;
    this.paging = paging;
    this.json = json;
  }

  @PostMapping
  ResponseEntity<Post> create(@Valid @RequestBody NewPost post) {
    Post created = posts.create(post);
    return ResponseEntity.created(URI.create("/api/posts/" + created.id())).body(created);
  }

  @GetMapping("/{id}")
  Post get(@PathVariable int id, @RequestParam(required = false) String include) {
    return posts.get(id, PostInclude.parse(include));
  }

  @GetMapping
  Page<Object> list(@RequestParam MultiValueMap<String, String> params) {
    QueryParams query = QueryParams.parse(params, paging);
    PostInclude include = PostInclude.parse(QueryParams.single(params, "include"));
    return posts.page(query.options(), query.page(), include)
        .map(post -> Attributes.project(post, query.options().attributes(), json));
  }

  /** findAll options as JSON; {@code limit}/{@code offset} select the page (offset a multiple of limit). */
  @PostMapping("/search")
  Page<Object> search(@RequestBody(required = false) JsonNode body, @RequestParam(required = false) String include) {
    FindOptions options = WhereJson.findOptions(body);
    return posts.page(options, QueryParams.pageOf(options, paging), PostInclude.parse(include))
        .map(post -> Attributes.project(post, options.attributes(), json));
  }

  @PatchMapping("/{id}")
  Post update(@PathVariable int id, @RequestBody Map<String, Object> changes) {
    return posts.update(id, changes);
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable int id) {
    posts.delete(id);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/delete")
  Map<String, Integer> destroy(@RequestBody JsonNode body) {
    return Map.of("deleted", posts.destroy(WhereJson.parse(body == null ? null : body.get("where"))));
  }

  /** Replaces the post's tags: {@code {"tagIds": [1, 2]}} or {@code {"names": ["db9", "java"]}}. */
  @PutMapping("/{id}/tags")
  List<Tag> setTags(@PathVariable int id, @RequestBody TagsBody body) {
    return posts.changeTags(id, body, true);
  }

  /** Adds tags; ones already linked stay linked once. */
  @PostMapping("/{id}/tags")
  List<Tag> addTags(@PathVariable int id, @RequestBody TagsBody body) {
    return posts.changeTags(id, body, false);
  }

  @DeleteMapping("/{id}/tags/{tagId}")
  ResponseEntity<Void> removeTag(@PathVariable int id, @PathVariable int tagId) {
    posts.removeTag(id, tagId);
    return ResponseEntity.noContent().build();
  }
}
