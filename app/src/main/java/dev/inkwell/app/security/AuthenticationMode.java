package dev.inkwell.app.security;

/** How callers prove who they are; chosen by configuration at start-up (see {@link ApiSecurityConfiguration}). */
public enum AuthenticationMode {
  /** Nothing configured: everything is open, and only a loopback address may be served. */
  NONE,
  /** {@code inkwell.security.token}: one shared bearer token with both scopes. */
  STATIC_TOKEN,
  /** {@code spring.security.oauth2.resourceserver.jwt.*}: signed JWTs, scopes from their {@code scope} claim. */
  JWT;

  public boolean authenticates() {
    return this != NONE;
  }
}
