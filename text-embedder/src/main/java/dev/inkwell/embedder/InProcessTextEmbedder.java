package dev.inkwell.embedder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
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
  /** The model's tokenizer, as langchain4j's jar ships it and loads it. */
  private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

  private final ExecutorService threads;
  private volatile Loaded model;

  /** The model and a tokenizer of its own (langchain4j keeps the model's private). */
  private record Loaded(AllMiniLmL6V2QuantizedEmbeddingModel model, HuggingFaceTokenizer tokenizer) {
  }

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
    Loaded loaded = loaded();
    try {
      List<TextSegment> segments = texts.stream()
          .map(text -> TextSegment.from(readable(loaded, text) ? text : BLANK)).toList();
      return loaded.model().embedAll(segments).content().stream().map(Embedding::vector).toList();
    } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
      throw new EmbedderException("the in-process model failed: " + e, e);
    }
  }

  @Override
  public boolean readable(String text) {
    Loaded loaded = loaded();
    try {
      return readable(loaded, text);
    } catch (RuntimeException e) {
      throw new EmbedderException("the in-process model's tokenizer failed: " + e, e);
    }
  }

  /**
   * The model refuses text it finds no token in: blank, but also only format or control characters
   * (U+202E, U+200B) or combining marks, which its tokenizer drops. Such a post still gets a vector
   * (one that matches nothing in particular): refused, it had held back every post embedded with it.
   */
  private static boolean readable(Loaded loaded, String text) {
    // As langchain4j does: the tokens come between [CLS] and [SEP], and none there is an error.
    return text != null && !text.isBlank() && loaded.tokenizer().tokenize(text).size() > 2;
  }

  private Loaded loaded() {
    Loaded loaded = model;
    if (loaded == null) {
      synchronized (this) {
        loaded = model;
        if (loaded == null) {
          try {
            loaded = new Loaded(new AllMiniLmL6V2QuantizedEmbeddingModel(threads), tokenizer());
          } catch (RuntimeException | LinkageError e) {
            throw new EmbedderException("the in-process model could not be loaded: " + e, e);
          }
          model = loaded;
        }
      }
    }
    return loaded;
  }

  /** With the model's options: no padding (the tokens are only counted). */
  private static HuggingFaceTokenizer tokenizer() {
    try (InputStream json = InProcessTextEmbedder.class.getResourceAsStream(TOKENIZER)) {
      if (json == null) {
        throw new IllegalStateException(TOKENIZER + " is not on the class path");
      }
      return HuggingFaceTokenizer.newInstance(json, Map.of("padding", "false"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    threads.shutdownNow();
    Loaded loaded = model;
    if (loaded != null) {
      loaded.tokenizer().close();
    }
  }
}
