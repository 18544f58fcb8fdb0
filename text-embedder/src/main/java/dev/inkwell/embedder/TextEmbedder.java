package dev.inkwell.embedder;

import java.util.List;

/** Turns texts into vectors of one model. Implementations are safe to call from several threads. */
public interface TextEmbedder {

  /** The model's name, as {@code GET /api/search/status} reports it. */
  String model();

  /** The length of every vector this model returns. */
  int dimension();

  /**
   * One vector per text, in the order given.
   *
   * @throws EmbedderException when the model cannot embed them
   */
  List<float[]> embed(List<String> texts);

  /**
   * Whether the model finds anything to read in {@code text}. {@link #embed} takes any text (one it
   * cannot read gets a vector that matches nothing in particular); a search query it cannot read is
   * refused instead.
   */
  default boolean readable(String text) {
    return text != null && !text.isBlank();
  }
}
