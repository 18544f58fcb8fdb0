package dev.inkwell.embedder;

/** The model failed (could not load, ran out of memory, was interrupted): not the caller's fault. */
public class EmbedderException extends RuntimeException {

  public EmbedderException(String message, Throwable cause) {
    super(message, cause);
  }
}
