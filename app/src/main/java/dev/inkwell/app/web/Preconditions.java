package dev.inkwell.app.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;


/**
 * Reads a write's {@code If-Match}; with {@code inkwell.http.require-if-match=true} a write to an
 * existing resource without one is refused (428), so no client can overwrite blindly.
 */
@Component
public class Preconditions {

  private final boolean required;

  public Preconditions(@Value("${inkwell.http.require-if-match:false}") boolean required) {
    this.required = required;
  }

  /** The precondition, or null when the header is absent and not required. */
  public IfMatch ifMatch(String header) {
    IfMatch ifMatch = IfMatch.parse(header);
    if (ifMatch == null && required) {
      throw new PreconditionRequiredException();
    }
    return ifMatch;
  }
}
