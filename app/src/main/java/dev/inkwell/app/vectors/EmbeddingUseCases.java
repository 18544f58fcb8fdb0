package dev.inkwell.app.vectors;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import dev.inkwell.app.transactions.ReadOnly;
import dev.inkwell.app.transactions.Unit;
import dev.inkwell.app.transactions.UnitOfWork;
import dev.inkwell.app.web.IfMatch;
import dev.inkwell.query.Aggregation;
import dev.inkwell.query.FindOptions;
import dev.inkwell.query.Page;
import dev.inkwell.query.PageRequest;
import dev.inkwell.query.ScrollRequest;
import dev.inkwell.query.Window;
import dev.inkwell.vectors.Embedding;
import dev.inkwell.vectors.EmbeddingNotFoundException;
import dev.inkwell.vectors.EmbeddingService;
import dev.inkwell.vectors.Neighbor;
import dev.inkwell.vectors.NewEmbedding;
import dev.inkwell.vectors.VectorSearch;

/**
 * One transaction per REST call on embeddings that writes; reads and searches run without one (a
 * search's settings travel with its statement: EmbeddingService).
 */
@Service
public class EmbeddingUseCases {

  private final EmbeddingService embeddings;
  private final UnitOfWork unitOfWork;

  public EmbeddingUseCases(EmbeddingService embeddings, UnitOfWork unitOfWork) {
    this.embeddings = embeddings;
    this.unitOfWork = unitOfWork;
  }

  @Transactional
  public Embedding create(NewEmbedding embedding) {
    return embeddings.create(embedding);
  }

  @Transactional
  public List<Embedding> createAll(List<NewEmbedding> batch) {
    return embeddings.createAll(batch);
  }

  @ReadOnly
  public Embedding get(int id) {
    return embeddings.get(id);
  }

  /** An aggregation over embeddings: one statement. */
  @ReadOnly
  public List<Map<String, Object>> aggregate(Aggregation aggregation) {
    return embeddings.aggregate(aggregation);
  }

  @ReadOnly
  public Page<Embedding> page(FindOptions options, PageRequest page) {
    return embeddings.findPage(options, page);
  }

  @ReadOnly
  public Window<Embedding> window(FindOptions options, ScrollRequest scroll) {
    return embeddings.findWindow(options, scroll);
  }

  /** As {@code UserUseCases.export}: chunk by chunk, or in one REPEATABLE READ snapshot. */
  @ReadOnly
  public void export(FindOptions options, boolean snapshot, Integer afterId, int chunk, Consumer<List<Embedding>> sink) {
    if (snapshot) {
      unitOfWork.run(Unit.readOnlyUnit().withIsolation(Isolation.REPEATABLE_READ), () -> embeddings.export(options, afterId, chunk, sink));
    } else {
      embeddings.export(options, afterId, chunk, sink);
    }
  }

  /** With If-Match: only at a version it names ({@link Embedding#version}), checked by the UPDATE itself. */
  @Transactional
  public Embedding update(int id, NewEmbedding embedding, IfMatch ifMatch) {
    return embeddings.updateIf(id, embedding, IfMatch.tagsOrAny(ifMatch)).orElseThrow(() -> missingOrChanged(id, ifMatch));
  }

  @Transactional
  public void delete(int id, IfMatch ifMatch) {
    if (!embeddings.deleteIf(id, IfMatch.tagsOrAny(ifMatch))) {
      throw missingOrChanged(id, ifMatch);
    }
  }

  private RuntimeException missingOrChanged(int id, IfMatch ifMatch) {
    return IfMatch.failure(ifMatch, () -> embeddings.findById(id).isPresent(), "embedding " + id,
        () -> new EmbeddingNotFoundException(id));
  }

  @ReadOnly
  public List<Neighbor> search(VectorSearch search) {
    return embeddings.search(search);
  }
}
