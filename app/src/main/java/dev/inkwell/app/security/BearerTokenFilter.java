package dev.inkwell.app.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * With a token configured, {@code /api} requests that change data (and reads too, when
 * {@code protect-reads} is on) must carry it as a bearer token; anything else is a 401 problem. The
 * comparison takes the same time wherever the tokens differ.
 */
public class BearerTokenFilter extends OncePerRequestFilter {

  private final SecurityProperties security;
  private final byte[] expected;

  public BearerTokenFilter(SecurityProperties security) {
    this.security = security;
    this.expected = security.tokenConfigured() ? security.token().getBytes(StandardCharsets.UTF_8) : new byte[0];
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    if (!security.tokenConfigured() || !request.getRequestURI().startsWith("/api/")) {
      return true;
    }
    return isRead(request) && !security.protectReads();
  }

  /** GETs, and POSTed searches (their body is a query, not data). */
  static boolean isRead(HttpServletRequest request) {
    String method = request.getMethod();
    return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
        || (method.equals("POST") && request.getRequestURI().endsWith("/search"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    byte[] given = header != null && header.startsWith("Bearer ")
        ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
    if (MessageDigest.isEqual(given, expected)) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(HttpStatus.UNAUTHORIZED.value());
    response.setHeader("WWW-Authenticate", "Bearer");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
        + "\"detail\":\"this request needs Authorization: Bearer <token>\",\"instance\":\"" + request.getRequestURI()
            .replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
  }
}
