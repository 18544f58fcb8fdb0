package dev.inkwell.app.search;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.inkwell.app.search.SearchUseCases.SearchStatus;
import dev.inkwell.posts.PostHit;
import dev.inkwell.posts.PostInclude;
import dev.inkwell.posts.PostSearch;
import dev.inkwell.posts.SearchMode;
import dev.inkwell.query.WhereJson;

import tools.jackson.databind.JsonNode;

/** Posts by meaning, by words or both; the SQL is posts-module's PostSearchMapper.xml. */
@RestController
@Tag(name = "Search")
class SearchController {

  private final SearchUseCases search;

  SearchController(SearchUseCases search) {
    this.search = search;
  }

  /**
   * {@code {"query": "text", "mode": "semantic"|"text"|"hybrid", "k": 10, "where": {...post filter...},
   * "efSearch": 100}}: every key but {@code query} optional (hybrid, k 10). Best first.
   */
  @Operation(summary = "Search posts by meaning (semantic), by words (text) or both fused (hybrid)")
  @PostMapping("/api/posts/search/semantic")
  List<PostHit> search(@RequestBody SearchBody body, @RequestParam(required = false) String include) {
    PostSearch request = new PostSearch(body.query(), SearchMode.of(body.mode()), body.k(), WhereJson.parse(body.where()),
        body.efSearch());
    return search.search(request, PostInclude.parse(include));
  }

  record SearchBody(String query, String mode, Integer k, JsonNode where, Integer efSearch) {
  }

  @Operation(summary = "The embedding provider, its model, the posts waiting to be embedded and the last failure")
  @GetMapping("/api/search/status")
  SearchStatus status() {
    return search.status();
  }
}
