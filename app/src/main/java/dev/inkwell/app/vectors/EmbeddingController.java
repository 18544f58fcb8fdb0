package dev.inkwell.app.vectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.inkwell.app.web.BulkLimit;
import dev.inkwell.query.WhereJson;
import dev.inkwell.vectors.Embedding;
import dev.inkwell.vectors.Metric;
import dev.inkwell.vectors.Neighbor;
import dev.inkwell.vectors.NewEmbedding;
import dev.inkwell.vectors.VectorSearch;
import tools.jackson.databind.JsonNode;

/** The guide's vector operations over HTTP. */
@RestController
@Tag(name = "Embeddings")
@RequestMapping("/api/embeddings")
class EmbeddingController {

  private final EmbeddingUseCases embeddings;
  private final BulkLimit bulk;

  EmbeddingController(EmbeddingUseCases embeddings, BulkLimit bulk) {
    this.embeddings = embeddings;
    this.bulk = bulk;
  }

  /** {@code {"name": "doc-1", "embedding": [1.0, 2.0, 3.0]}}. */
  @Operation(summary = "Store an embedding")
  @PostMapping
  ResponseEntity<Embedding> create(@RequestBody NewEmbedding embedding) {
    Embedding created = embeddings.create(embedding);
    return ResponseEntity.created(URI.create("/api/embeddings/" + created.id())).body(created);
  }

  @Operation(summary = "Store many embeddings")
  @PostMapping("/bulk")
  @ResponseStatus(HttpStatus.CREATED)
  List<Embedding> createAll(@RequestBody List<NewEmbedding> batch) {
    return embeddings.createAll(bulk.check(batch));
  }

  @Operation(summary = "Find an embedding by id")
  @GetMapping("/{id}")
  Embedding get(@PathVariable int id) {
    return embeddings.get(id);
  }

  @Operation(summary = "Replace an embedding")
  @PutMapping("/{id}")
  Embedding update(@PathVariable int id, @RequestBody NewEmbedding embedding) {
    return embeddings.update(id, embedding);
  }

  @Operation(summary = "Delete an embedding")
  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable int id) {
    embeddings.delete(id);
    return ResponseEntity.noContent().build();
  }

  /**
   * {@code {"vector": [1,1,1], "metric": "l2"|"cosine"|"ip", "k": 5, "maxDistance": 1.0, "where": {...},
   * "efSearch": 100}}: every key but {@code vector} optional (metric cosine, k 5). Nearest first.
   */
  @Operation(summary = "Nearest embeddings by l2, cosine or inner product, with filter and threshold")
  @PostMapping("/search")
  List<Neighbor> search(@RequestBody SearchBody body) {
    return embeddings.search(new VectorSearch(body.vector(), Metric.of(body.metric()), body.k(), body.maxDistance(),
        WhereJson.parse(body.where()), body.efSearch()));
  }

  record SearchBody(float[] vector, String metric, Integer k, Double maxDistance, JsonNode where, Integer efSearch) {
  }
}
