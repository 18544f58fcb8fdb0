package dev.inkwell.vectors;

public class EmbeddingNotFoundException extends RuntimeException {

  public EmbeddingNotFoundException(int id) {
    super("no embedding with id " + id);
  }
}
