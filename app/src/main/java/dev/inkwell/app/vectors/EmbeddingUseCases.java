package dev.inkwell.app.vectors;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.inkwell.app.transactions.ReadOnly;
import dev.inkwell.vectors.Embedding;
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

  public EmbeddingUseCases(EmbeddingService embeddings) {
    this.embeddings = embeddings;
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

  @Transactional
  public Embedding update(int id, NewEmbedding embedding) {
    return embeddings.update(id, embedding);
  }

  @Transactional
  public void delete(int id) {
    embeddings.delete(id);
  }

  @ReadOnly
  public List<Neighbor> search(VectorSearch search) {
    return embeddings.search(search);
  }
}
