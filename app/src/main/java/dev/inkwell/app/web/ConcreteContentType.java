package dev.inkwell.app.web;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.inkwell.app.security.ServletProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A Content-Type names one media type (RFC 9110: wildcards belong to Accept): a wildcard type or
 * subtype ({@code application/*}) is a 415 problem. Spring's request headers assert it and throw where they are
 * first read (spring-framework#27957, open), which made a body's route or even the health endpoint a
 * 500. A type that does not parse is left to Spring, which answers it with a 415 of its own.
 */
class ConcreteContentType extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String type = request.getContentType();
    if (type != null && type.indexOf('*') >= 0 && wildcard(type)) {
      ServletProblems.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type must name one media type, such as application/json, not '" + type + "'", request);
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean wildcard(String type) {
    try {
      MediaType parsed = MediaType.parseMediaType(type);
      return parsed.isWildcardType() || parsed.isWildcardSubtype();
    } catch (InvalidMediaTypeException unparsable) {
      return false;
    }
  }
}
