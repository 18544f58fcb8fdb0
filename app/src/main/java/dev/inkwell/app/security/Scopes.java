package dev.inkwell.app.security;

/** The two scopes Inkwell knows, as the authorities Spring Security derives from a JWT's scope claim. */
public final class Scopes {

  public static final String READ = "inkwell.read";
  public static final String WRITE = "inkwell.write";

  static final String READ_AUTHORITY = "SCOPE_" + READ;
  static final String WRITE_AUTHORITY = "SCOPE_" + WRITE;

  private Scopes() {
  }
}
