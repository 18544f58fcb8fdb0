package dev.inkwell.app.security;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Refuses a request body larger than {@code inkwell.web.max-body-size} (default 10MB) with a 413 problem. */
public class BodySizeLimitFilter extends OncePerRequestFilter {

  private final long maxBytes;

  public BodySizeLimitFilter(DataSize max) {
    this.maxBytes = max.toBytes();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long length = request.getContentLengthLong();
    boolean chunked = length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
    if (length > maxBytes || chunked) {
      ServletProblems.write(response, HttpStatus.CONTENT_TOO_LARGE, "request bodies are limited to " + maxBytes + " bytes"
          + (chunked ? " and must give a Content-Length" : ""), request);
      return;
    }
    chain.doFilter(request, response);
  }
}
