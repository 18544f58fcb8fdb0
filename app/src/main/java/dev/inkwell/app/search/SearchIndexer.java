package dev.inkwell.app.search;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

import dev.inkwell.app.transactions.Unit;
import dev.inkwell.app.transactions.UnitOfWork;
import dev.inkwell.embedder.EmbedderException;
import dev.inkwell.posts.PendingPost;
import dev.inkwell.posts.PostSearchService;

/**
 * Embeds waiting posts, one batch at a time: claim (one statement, no transaction: the claim is a
 * lease), embed outside any transaction (no connection is held while the model runs), then store the
 * vectors and take the rows off the outbox in one transaction. Used by the background worker and by
 * {@code java -jar inkwell.jar reindex}.
 */
@Service
public class SearchIndexer {

  private final PostSearchService posts;
  private final SearchProvider provider;
  private final SearchProperties.Worker settings;
  private final UnitOfWork unitOfWork;
  private volatile String lastError;

  public SearchIndexer(PostSearchService posts, SearchProvider provider, SearchProperties properties, UnitOfWork unitOfWork) {
    this.posts = posts;
    this.provider = provider;
    this.settings = properties.worker();
    this.unitOfWork = unitOfWork;
  }

  /**
   * Embeds the next batch of waiting posts: how many were claimed (0: nothing waits that another
   * instance has not claimed). When the model fails on the batch, each post is tried alone, so that one
   * text the model fails on does not hold back the others; a failure is recorded on its post, which is
   * tried again after {@code retry-after}, and thrown when no post of the batch could be embedded.
   */
  public int embedNext() {
    List<PendingPost> claimed = posts.claim(settings.batch(), settings.lease());
    if (claimed.isEmpty()) {
      return 0;
    }
    try {
      store(claimed, provider.embed(texts(claimed)));
    } catch (EmbedderException e) {
      if (claimed.size() == 1) {
        recordFailure(claimed, e);
        throw e;
      }
      List<PendingPost> embedded = new ArrayList<>();
      List<float[]> vectors = new ArrayList<>();
      for (PendingPost post : claimed) {
        try {
          vectors.add(provider.embed(texts(List.of(post))).get(0));
          embedded.add(post);
        } catch (EmbedderException alone) {
          recordFailure(List.of(post), alone);
        }
      }
      if (embedded.isEmpty()) {
        throw e;
      }
      store(embedded, vectors);
      return claimed.size();
    }
    lastError = null;
    return claimed.size();
  }

  private static List<String> texts(List<PendingPost> claimed) {
    return claimed.stream().map(PendingPost::text).toList();
  }

  private void recordFailure(List<PendingPost> claimed, EmbedderException e) {
    lastError = e.getMessage();
    posts.fail(claimed, e.getMessage(), settings.retryAfter());
  }

  /** The vectors (null: the server embeds) stored, and the posts taken off the outbox, in one transaction. */
  private void store(List<PendingPost> claimed, List<float[]> vectors) {
    unitOfWork.run(Unit.readWrite(), () -> {
      if (vectors == null) {
        posts.storeEmbeddedByServer(claimed);
      } else {
        posts.store(provider.vectors(), claimed, vectors);
      }
      return null;
    });
  }

  /** Records a failure that was not the model's (the database, say) for the status endpoint. */
  void failed(Exception e) {
    lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** This instance's latest failure since its last success, else the latest one on a waiting post. */
  public String lastError() {
    String mine = lastError;
    return mine != null ? mine : posts.lastError();
  }

  public long backlog() {
    return posts.backlog();
  }

  /** Queues all posts (or, resuming, those not yet embedded since the reindex started): the backlog. */
  public long startReindex() {
    return unitOfWork.run(Unit.readWrite(), () -> posts.startReindex(provider.vectors()));
  }

  public void finishReindex() {
    posts.finishReindex(provider.vectors());
  }
}
