package dev.inkwell.app.search;

/** The model failed to embed a query: 503, the client may retry. */
public class SearchUnavailableException extends RuntimeException {

  public SearchUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
