package dev.inkwell.app.web;

/** A write without If-Match where {@code inkwell.http.require-if-match=true}: 428. */
public class PreconditionRequiredException extends RuntimeException {

  public PreconditionRequiredException() {
    super("this server requires If-Match on writes to an existing resource: send the ETag of the version you read");
  }
}
