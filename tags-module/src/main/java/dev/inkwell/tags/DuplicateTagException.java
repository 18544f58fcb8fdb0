package dev.inkwell.tags;

public class DuplicateTagException extends RuntimeException {

  public DuplicateTagException(String name, Throwable cause) {
    super("a tag named '" + name + "' already exists", cause);
  }
}
