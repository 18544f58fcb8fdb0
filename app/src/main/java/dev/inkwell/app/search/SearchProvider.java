package dev.inkwell.app.search;

import java.util.List;
import java.util.Locale;

import dev.inkwell.embedder.EmbedderException;
import dev.inkwell.embedder.TextEmbedder;
import dev.inkwell.posts.VectorTable;

/**
 * Who turns text into vectors, and into which table they go. {@code in-process}: the model in this
 * JVM ({@link TextEmbedder}); {@code database}: the server's {@code embedding()} inside the
 * statements themselves (DB9), so no vector travels; {@code none}: no semantic search (text only).
 */
public final class SearchProvider {

  public enum Kind {
    IN_PROCESS, DATABASE, NONE;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Kind of(String name) {
      for (Kind kind : values()) {
        if (kind.jsonName().equals(name.trim().toLowerCase(Locale.ROOT))) {
          return kind;
        }
      }
      throw new IllegalArgumentException("inkwell.search.embedder must be in-process, database or none, not '" + name + "'");
    }
  }

  /** The model name reported for the database provider: DB9's embedding() with its default model. */
  static final String SERVER_MODEL = "embedding() of the database (server default model, 1,024 dimensions)";

  private final Kind kind;
  private final TextEmbedder embedder;

  SearchProvider(Kind kind, TextEmbedder embedder) {
    this.kind = kind;
    this.embedder = embedder;
  }

  public Kind kind() {
    return kind;
  }

  public boolean embeds() {
    return kind != Kind.NONE;
  }

  /** The model's name, or null for none. */
  public String model() {
    return switch (kind) {
      case IN_PROCESS -> embedder.model();
      case DATABASE -> SERVER_MODEL;
      case NONE -> null;
    };
  }

  /** The table this provider's vectors go to and are searched in (none: the in-process one, unused). */
  public VectorTable vectors() {
    return kind == Kind.DATABASE ? VectorTable.SERVER : VectorTable.MINILM;
  }

  /** Whether the in-process model can read {@code query} (the server's model is not asked beforehand). */
  public boolean readable(String query) {
    return kind != Kind.IN_PROCESS || embedder.readable(query);
  }

  /** The texts' vectors, or null when the server embeds them in SQL. */
  public List<float[]> embed(List<String> texts) throws EmbedderException {
    return kind == Kind.IN_PROCESS ? embedder.embed(texts) : null;
  }
}
