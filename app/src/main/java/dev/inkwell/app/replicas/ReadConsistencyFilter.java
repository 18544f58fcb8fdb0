package dev.inkwell.app.replicas;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds the request's {@link ReadConsistency} from before Spring Security's filters (whose header
 * writer adds {@code Inkwell-Commit-LSN} when the response commits) until the response is done. A
 * malformed {@code Inkwell-Min-LSN} is the client's error: a 400 problem, before anything runs.
 */
final class ReadConsistencyFilter extends OncePerRequestFilter {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long minLsn;
    try {
      minLsn = ReadConsistency.parse(request.getHeader(ReadConsistency.MIN_LSN_HEADER));
    } catch (IllegalArgumentException e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.getWriter().write(JSON.writeValueAsString(java.util.Map.of("type", "about:blank", "title", "Bad Request",
          "status", 400, "detail", e.getMessage(), "instance", request.getRequestURI())));
      return;
    }
    ReadConsistency.begin(minLsn);
    try {
      chain.doFilter(request, response);
    } finally {
      ReadConsistency.end();
    }
  }
}
