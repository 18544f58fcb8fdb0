package dev.inkwell.app.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code inkwell.security.token}: when set, every request that changes data needs
 * {@code Authorization: Bearer <token>}; {@code inkwell.security.protect-reads} extends that to reads.
 */
@ConfigurationProperties("inkwell.security")
public record SecurityProperties(String token, boolean protectReads) {

  public boolean tokenConfigured() {
    return token != null && !token.isBlank();
  }
}
