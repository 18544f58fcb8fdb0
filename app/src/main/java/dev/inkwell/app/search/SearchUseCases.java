package dev.inkwell.app.search;

import java.util.List;

import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.stereotype.Service;

import dev.inkwell.app.transactions.ReadOnly;
import dev.inkwell.embedder.EmbedderException;
import dev.inkwell.posts.PostHit;
import dev.inkwell.posts.PostInclude;
import dev.inkwell.posts.PostSearch;
import dev.inkwell.posts.PostSearchService;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.vectors.EmbeddingService;

/**
 * Searching posts by meaning and words (POST /api/posts/search/semantic) and the state of their
 * vectors (GET /api/search/status). A search is a read of one statement (plus one for tags when
 * included), after the query is embedded by the in-process model; with the database provider the
 * statement embeds it itself.
 */
@Service
public class SearchUseCases {

  /** {@code GET /api/search/status}: provider and model null when the embedder is none. */
  public record SearchStatus(String provider, String model, long backlog, String lastError) {
  }

  private final PostSearchService posts;
  private final SearchProvider provider;
  private final SearchIndexer indexer;
  private final EmbeddingService vectors;

  public SearchUseCases(PostSearchService posts, SearchProvider provider, SearchIndexer indexer, EmbeddingService vectors) {
    this.posts = posts;
    this.provider = provider;
    this.indexer = indexer;
    this.vectors = vectors;
  }

  @ReadOnly
  public List<PostHit> search(PostSearch search, PostInclude include) {
    posts.check(search);
    boolean semantic = search.modeOrDefault().semantic();
    if (semantic && !provider.embeds()) {
      throw new InvalidQueryException("mode", "no embedding provider is configured (inkwell.search.embedder=none):"
          + " only mode text is available");
    }
    float[] vector = null;
    if (semantic && provider.kind() == SearchProvider.Kind.IN_PROCESS) {
      try {
        if (!provider.readable(search.query())) {
          throw new InvalidQueryException("query", "query has nothing the model reads: only spaces, control or"
              + " format characters, or combining marks");
        }
        vector = provider.embed(List.of(search.query())).get(0);
      } catch (EmbedderException e) {
        throw new SearchUnavailableException("the embedding model failed; retry shortly", e);
      }
    }
    try {
      return posts.search(search, provider.vectors(), vector, include, vectors.iterativeScanPerQuery());
    } catch (UncategorizedSQLException e) {
      if (semantic && provider.kind() == SearchProvider.Kind.DATABASE) {
        // The only server-side step a search adds is embedding(): its failure is the model's.
        throw new SearchUnavailableException("the database's embedding() failed; retry shortly", e);
      }
      throw e;
    }
  }

  public SearchStatus status() {
    return new SearchStatus(provider.kind().jsonName(), provider.model(), indexer.backlog(), indexer.lastError());
  }
}
