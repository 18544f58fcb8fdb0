package dev.inkwell.app.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * The static-token mode as an opaque-token introspector, so Spring Security's own bearer filter,
 * entry point and error headers serve it exactly as they serve JWTs. The comparison takes the same
 * time wherever the tokens differ; the token itself is never part of a message.
 */
final class StaticTokenIntrospector implements OpaqueTokenIntrospector {

  private final byte[] expected;

  StaticTokenIntrospector(String token) {
    this.expected = token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public OAuth2AuthenticatedPrincipal introspect(String token) {
    if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), expected)) {
      throw new BadOpaqueTokenException("the bearer token is not valid");
    }
    return new DefaultOAuth2AuthenticatedPrincipal("inkwell-token", Map.of("sub", "inkwell-token"),
        List.of(new SimpleGrantedAuthority(Scopes.READ_AUTHORITY), new SimpleGrantedAuthority(Scopes.WRITE_AUTHORITY)));
  }
}
