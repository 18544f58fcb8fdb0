package dev.inkwell.app.search;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.inkwell.embedder.EmbedderException;

/**
 * Keeps post vectors current in the background: embeds batches while posts wait, then looks again
 * every {@code idle-delay}; after a failure it waits {@code retry-after}. One thread per instance;
 * instances share the outbox safely (claims skip each other's rows). Off with
 * {@code inkwell.search.worker.enabled=false} or {@code inkwell.search.embedder=none}.
 */
@Component
@ConditionalOnProperty(name = "inkwell.search.worker.enabled", havingValue = "true", matchIfMissing = true)
class EmbeddingWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EmbeddingWorker.class);

  private final SearchIndexer indexer;
  private final SearchProvider provider;
  private final SearchProperties.Worker settings;
  private ScheduledExecutorService thread;

  EmbeddingWorker(SearchIndexer indexer, SearchProvider provider, SearchProperties properties) {
    this.indexer = indexer;
    this.provider = provider;
    this.settings = properties.worker();
  }

  @Override
  public synchronized void start() {
    if (provider.embeds() && thread == null) {
      thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread worker = new Thread(task, "search-worker");
        worker.setDaemon(true);
        return worker;
      });
      schedule(Duration.ZERO);
    }
  }

  private void schedule(Duration delay) {
    thread.schedule(this::round, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void round() {
    Duration next = settings.idleDelay();
    try {
      if (indexer.embedNext() == settings.batch()) {
        next = Duration.ZERO;
      }
    } catch (RuntimeException e) {
      if (!(e instanceof EmbedderException)) {
        indexer.failed(e);
      }
      log.warn("embedding posts failed, trying again in {}: {}", settings.retryAfter(), e.toString());
      next = settings.retryAfter();
    }
    synchronized (this) {
      if (thread != null && !thread.isShutdown()) {
        schedule(next);
      }
    }
  }

  /** Waits for a batch in progress (outside the lock, which the batch's rescheduling takes). */
  @Override
  public void stop() {
    ScheduledExecutorService stopping;
    synchronized (this) {
      stopping = thread;
      thread = null;
    }
    if (stopping != null) {
      stopping.shutdown();
      try {
        stopping.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return thread != null;
  }
}
