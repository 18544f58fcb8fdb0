package dev.inkwell.app.vectors;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.inkwell.app.web.BulkLimit;
import dev.inkwell.app.web.EntityTags;
import dev.inkwell.app.web.ExportRequest;
import dev.inkwell.app.web.Exporter;
import dev.inkwell.app.web.Preconditions;
import dev.inkwell.app.web.QueryParams;
import dev.inkwell.query.AggregationJson;
import dev.inkwell.query.Paging;
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
  private final Paging paging;
  private final Preconditions preconditions;
  private final Exporter exporter;

  EmbeddingController(EmbeddingUseCases embeddings, BulkLimit bulk, Paging paging, Preconditions preconditions,
      Exporter exporter) {
    this.embeddings = embeddings;
    this.bulk = bulk;
    this.paging = paging;
    this.preconditions = preconditions;
    this.exporter = exporter;
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

  /** {@code ?name[$like]=doc%&order=-id&size=20&page=2} or {@code after=<cursor>}, {@code count=...}: as for users. */
  @Operation(summary = "List embeddings with filters on id and name, order and paging")
  @GetMapping
  Object list(@io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
    QueryParams query = QueryParams.parse(params, paging);
    return query.keyset() ? embeddings.window(query.options(), query.scroll()) : embeddings.page(query.options(), query.page());
  }

  @Operation(summary = "Export embeddings as NDJSON or CSV (every matching row, streamed)")
  @GetMapping("/export")
  void export(@io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params,
      HttpServletResponse response) throws IOException {
    ExportRequest export = ExportRequest.parse(params, paging);
    exporter.<Embedding>write(response, "embeddings", export, List.of("id", "name", "embedding"),
        sink -> embeddings.export(export.query().options(), export.snapshot(), export.afterId(), exporter.chunkSize(), sink));
  }

  /**
   * Sequelize's {@code fn}/{@code group}: {@code {"where", "groupBy", "aggregates", "having", "order", "limit"}}
   * → {@code {"rows": [...]}}.
   */
  @Operation(summary = "Aggregate embeddings: group by fields, JSON paths or truncated timestamps; count, sum, avg, min, max; having; order")
  @PostMapping("/aggregate")
  Map<String, Object> aggregate(@RequestBody JsonNode body) {
    return Map.of("rows", embeddings.aggregate(AggregationJson.parse(body)));
  }

  /** The simple case in a query string: {@code ?groupBy=a,b&count=*&sum=age&order=-count&limit=10} and filters. */
  @Operation(summary = "Aggregate embeddings from a query string (groupBy, count, countDistinct, sum, avg, min, max, order, limit)")
  @GetMapping("/aggregate")
  Map<String, Object> aggregate(@io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
    return Map.of("rows", embeddings.aggregate(AggregationJson.parse(params)));
  }

  @Operation(summary = "Find an embedding by id")
  @GetMapping("/{id}")
  ResponseEntity<Embedding> get(@PathVariable int id) {
    Embedding embedding = embeddings.get(id);
    return ResponseEntity.ok().eTag(EntityTags.quoted(embedding.version())).body(embedding);
  }

  @Operation(summary = "Replace an embedding")
  @PutMapping("/{id}")
  ResponseEntity<Embedding> update(@PathVariable int id, @RequestBody NewEmbedding embedding,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    Embedding updated = embeddings.update(id, embedding, preconditions.ifMatch(ifMatch));
    return ResponseEntity.ok().eTag(EntityTags.quoted(updated.version())).body(updated);
  }

  @Operation(summary = "Delete an embedding")
  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable int id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    embeddings.delete(id, preconditions.ifMatch(ifMatch));
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
