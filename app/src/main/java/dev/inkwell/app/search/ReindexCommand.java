package dev.inkwell.app.search;

import java.io.PrintStream;
import java.time.Duration;

import org.springframework.context.ApplicationContext;

import dev.inkwell.embedder.EmbedderException;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * {@code java -jar inkwell.jar reindex}: queues every post (or, resuming, the ones not yet embedded
 * since the unfinished reindex started) and embeds batches until none waits, with a progress bar.
 * Running service instances keep serving and embedding meanwhile; they share the outbox with it.
 */
public final class ReindexCommand {

  private ReindexCommand() {
  }

  public static int run(ApplicationContext context, PrintStream out, PrintStream err) {
    SearchProvider provider = context.getBean(SearchProvider.class);
    if (!provider.embeds()) {
      err.println("inkwell: inkwell.search.embedder=none: nothing to embed with");
      return 2;
    }
    SearchIndexer indexer = context.getBean(SearchIndexer.class);
    long total = indexer.startReindex();
    out.println("Embedding " + total + " posts with " + provider.model() + " into " + provider.vectors().table());
    try (ProgressBar bar = new ProgressBarBuilder().setTaskName("reindex").setInitialMax(total).setUnit(" posts", 1)
        .setStyle(ProgressBarStyle.ASCII).showSpeed().setUpdateIntervalMillis(500)
        .setConsumer(new ConsoleProgressBarConsumer(out)).build()) {
      long waiting;
      while ((waiting = indexer.backlog()) > 0) {
        if (indexer.embedNext() == 0) {
          // The rest is claimed by a running instance: it stores them, or its lease runs out.
          pause(Duration.ofMillis(500));
        }
        bar.stepTo(Math.max(0, total - waiting));
      }
      bar.stepTo(total);
    } catch (EmbedderException e) {
      err.println("inkwell: embedding failed (run reindex again to resume): " + e.getMessage());
      return 1;
    }
    indexer.finishReindex();
    out.println("Done: every post is embedded.");
    return 0;
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
