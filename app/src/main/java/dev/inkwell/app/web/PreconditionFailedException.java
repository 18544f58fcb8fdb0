package dev.inkwell.app.web;

/** A conditional write whose If-Match no longer matches the stored row: 412, nothing changed. */
public class PreconditionFailedException extends RuntimeException {

  public PreconditionFailedException(String what) {
    super(what + " changed since the If-Match tag was read; nothing was changed: read it again (its ETag) and retry");
  }
}
