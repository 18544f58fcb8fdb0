package dev.inkwell.app.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code inkwell.security.token}: a static bearer token that carries both scopes (the local run's
 * mode); {@code inkwell.security.protect-reads}: reads need {@code inkwell.read} too. JWT mode is
 * configured with Spring Boot's own {@code spring.security.oauth2.resourceserver.jwt.*}.
 */
@ConfigurationProperties("inkwell.security")
public record SecurityProperties(String token, boolean protectReads) {

  public boolean tokenConfigured() {
    return token != null && !token.isBlank();
  }
}
