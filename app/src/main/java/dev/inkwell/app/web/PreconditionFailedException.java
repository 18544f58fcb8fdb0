package dev.inkwell.app.web;

/** A conditional write whose If-Match no longer matches the stored row: 412, nothing changed. */
public class PreconditionFailedException extends RuntimeException {

  public PreconditionFailedException(String what) {
    super(what + " is not at a version If-Match names (it changed since that ETag was read); nothing was changed:"
        + " read it again and retry with its current ETag");
  }
}
