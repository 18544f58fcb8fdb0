package dev.inkwell.embedder;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * all-MiniLM-L6-v2, quantized, run by ONNX Runtime inside the JVM (langchain4j's packaging of it: the
 * model and its tokenizer ship in a Maven jar, so nothing is downloaded at run time). The model is
 * loaded once, by {@link #load} or the first call. A batch's texts are embedded on {@code threads}
 * daemon threads of its own, so the model never takes more of the machine's cores than configured.
 * Texts longer than the model's 256-token window are split and their vectors averaged (langchain4j).
 */
public final class InProcessTextEmbedder implements TextEmbedder, AutoCloseable {

  public static final String MODEL = "all-MiniLM-L6-v2 (quantized, in-process)";
  public static final int DIMENSION = 384;

  private static final String BLANK = "(empty)";

  private final ExecutorService threads;
  private volatile AllMiniLmL6V2QuantizedEmbeddingModel model;

  public InProcessTextEmbedder(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    AtomicInteger number = new AtomicInteger();
    this.threads = Executors.newFixedThreadPool(threads, task -> {
      Thread thread = new Thread(task, "embedder-" + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Loads the model now (about a second), so that the first search does not wait for it. */
  public void load() {
    loaded();
  }

  @Override
  public String model() {
    return MODEL;
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    try {
      List<Embedding> vectors = loaded().embedAll(texts.stream().map(InProcessTextEmbedder::segment).toList()).content();
      return vectors.stream().map(Embedding::vector).toList();
    } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
      throw new EmbedderException("the in-process model failed: " + e, e);
    }
  }

  /** The model refuses blank text; a blank post still gets a vector (one that matches nothing in particular). */
  private static TextSegment segment(String text) {
    return TextSegment.from(text == null || text.isBlank() ? BLANK : text);
  }

  private AllMiniLmL6V2QuantizedEmbeddingModel loaded() {
    AllMiniLmL6V2QuantizedEmbeddingModel loaded = model;
    if (loaded == null) {
      synchronized (this) {
        loaded = model;
        if (loaded == null) {
          try {
            loaded = new AllMiniLmL6V2QuantizedEmbeddingModel(threads);
          } catch (RuntimeException | LinkageError e) {
            throw new EmbedderException("the in-process model could not be loaded: " + e, e);
          }
          model = loaded;
        }
      }
    }
    return loaded;
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
