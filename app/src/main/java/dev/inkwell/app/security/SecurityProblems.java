package dev.inkwell.app.security;

import java.io.IOException;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Spring Security's refusals as RFC 9457 problems: its bearer-token handlers set the status and the
 * {@code WWW-Authenticate} header (RFC 6750), and the body says the same in a problem document.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

  /** StrictHttpFirewall's own list of methods. */
  private static final List<String> SERVED_METHODS = List.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");

  private final BearerTokenAuthenticationEntryPoint entryPoint = new BearerTokenAuthenticationEntryPoint();
  private final BearerTokenAccessDeniedHandler accessDenied = new BearerTokenAccessDeniedHandler();

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    entryPoint.commence(request, response, e);
    String detail = e instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null
        ? oauth.getError().getDescription()
        : "this request needs Authorization: Bearer <token>";
    ServletProblems.write(response, HttpStatus.valueOf(response.getStatus()), detail, request);
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    accessDenied.handle(request, response, e);
    ServletProblems.write(response, HttpStatus.FORBIDDEN, "the token's scopes do not allow this request (reads need "
        + Scopes.READ + "; writes and the actuator need " + Scopes.WRITE + ")", request);
  }

  /**
   * The firewall refused the request: a method it does not serve (405), or most often a path not in
   * canonical form (encoded separators, ';', '//', '..', control characters). Its own message quotes
   * what it refused, which is not echoed.
   */
  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
      throws IOException {
    if (!SERVED_METHODS.contains(request.getMethod())) {
      response.setHeader("Allow", String.join(", ", SERVED_METHODS));
      ServletProblems.write(response, HttpStatus.METHOD_NOT_ALLOWED,
          "this service answers " + String.join(", ", SERVED_METHODS), null);
      return;
    }
    ServletProblems.write(response, HttpStatus.BAD_REQUEST, "the request path is not in canonical form, or a header or parameter"
        + " holds characters no request here may hold", null);
  }
}
