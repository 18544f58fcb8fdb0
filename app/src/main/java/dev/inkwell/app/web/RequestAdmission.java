package dev.inkwell.app.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import dev.inkwell.app.security.ServletProblems;

/**
 * At most {@code inkwell.web.max-active-requests} requests (the pool's connections and two more) are
 * handled at once, in arrival order; the rest wait here. With every concurrent request running at once,
 * they raced for a connection inside the pool, whose hand-off is not first come, first served (p99 3-3.5
 * times p50 at 32 clients), and switched between each other on two cores (docs/benchmarks.md). The two
 * over the pool keep requests that need no connection moving, and let the pool answer 503 when its
 * connections are all stuck.
 *
 * <p>A request is admitted only once its body has arrived in full, and leaves before its response is
 * written: the response is buffered and written after. A client that sends its body or reads its answer
 * slowly holds a thread, of which Tomcat has many, never one of these few places: eight clients sending
 * one byte a second had stopped the service when the request threads were the admission. Bodies read
 * ahead and answers waiting to be written share {@code inkwell.web.buffer-memory}: a body waits for its
 * share as its bytes arrive; an answer that does not fit is written before the turn ends, so memory stays
 * bounded however many clients stop reading. The price: under load each finished request wakes a
 * waiting thread, which costs the short routes some throughput on two cores. Exports stream (their rows
 * never sit in memory: each chunk takes a connection only while it is read) and health probes must
 * answer under any load: neither waits here.
 */
public class RequestAdmission extends OncePerRequestFilter {

  private static final RequestMatcher UNADMITTED = new OrRequestMatcher(
      PathPatternRequestMatcher.withDefaults().matcher("/actuator/**"),
      PathPatternRequestMatcher.withDefaults().matcher("/api/*/export"));

  private final Semaphore active;
  private final Semaphore memory;
  private final long waitMillis;

  /**
   * @param maxActive requests handled at once
   * @param bufferMemory bytes of bodies read ahead and answers waiting to be written, at least the largest body
   * @param waitMillis how long a request waits for its turn, or for memory for its body, before a 503
   */
  public RequestAdmission(int maxActive, int bufferMemory, long waitMillis) {
    this.active = new Semaphore(maxActive, true);
    this.memory = new Semaphore(bufferMemory, true);
    this.waitMillis = waitMillis;
  }

  /**
   * The requests handled at once for a pool of {@code poolSize} connections (the benchmarks serve with
   * as many): as many as the pool has connections. Two more had let requests wait inside HikariCP,
   * whose hand-off has a returning thread yield until a waiting one takes its connection: 21 % of the
   * service's CPU outside the driver in W9 (async-profiler); with as many turns as connections every
   * route served more requests per second in two alternating HTTP runs (docs/benchmarks.md).
   */
  public static int maxActive(int poolSize) {
    return Math.max(1, poolSize);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return UNADMITTED.matches(request);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    int length = Math.max(0, request.getContentLength()); // chunked bodies are refused before (BodySizeLimitFilter)
    byte[] body;
    try {
      body = readBody(request, length);
      if (body == null) {
        busy(request, response, "memory for its body");
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (IOException e) {
      // The client went away, or stopped sending for longer than server.tomcat.connection-timeout:
      // Tomcat answers the latter with a 408 of its own (a problem, through ProblemReportValve).
      return;
    }
    ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
    int kept = 0;
    try {
      if (!active.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
        busy(request, response, "turn");
        return;
      }
      try {
        chain.doFilter(body.length == 0 ? request : new ReadAhead(request, body), buffered);
        // An answer the memory cannot keep is written under the turn, as without this filter.
        int size = buffered.getContentSize();
        if (size > 0 && !memory.tryAcquire(size)) {
          buffered.copyBodyToResponse();
        } else {
          kept = size;
        }
      } finally {
        active.release();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } finally {
      memory.release(body.length);
    }
    try {
      buffered.copyBodyToResponse();
    } finally {
      memory.release(kept);
    }
  }

  /**
   * The whole body, taking memory for it as it arrives, or null when memory stayed short for too long.
   * A body that ends early is what arrived: the JSON reader then finds it malformed. On success the
   * caller owns the memory of the body's length.
   */
  private byte[] readBody(HttpServletRequest request, int length) throws IOException, InterruptedException {
    // Grown as bytes arrive: a Content-Length is only a claim.
    byte[] body = new byte[Math.min(length, 65_536)];
    int read = 0;
    boolean done = false;
    try {
      InputStream in = request.getInputStream();
      while (read < length) {
        int want = Math.min(8192, length - read);
        if (!memory.tryAcquire(want, waitMillis, TimeUnit.MILLISECONDS)) {
          return null;
        }
        if (body.length - read < want) {
          body = Arrays.copyOf(body, (int) Math.min(length, 2L * body.length + want));
        }
        int n = 0;
        try {
          n = Math.max(0, in.read(body, read, want));
        } finally {
          memory.release(want - n); // held: exactly the bytes read
        }
        if (n == 0) {
          break;
        }
        read += n;
      }
      done = true;
      return read == body.length ? body : Arrays.copyOf(body, read);
    } finally {
      if (!done) {
        memory.release(read);
      }
    }
  }

  private void busy(HttpServletRequest request, HttpServletResponse response, String what) throws IOException {
    response.setHeader(HttpHeaders.RETRY_AFTER, "1");
    ServletProblems.write(response, HttpStatus.SERVICE_UNAVAILABLE,
        "the service is busy: the request got no " + what + " within " + waitMillis + " ms; retry shortly", request);
  }

  /** The request with the body read ahead. */
  private static final class ReadAhead extends HttpServletRequestWrapper {

    private final byte[] body;

    ReadAhead(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body was read ahead");
        }
      };
    }

    @Override
    public BufferedReader getReader() throws UnsupportedEncodingException {
      String encoding = getCharacterEncoding();
      try {
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body),
            encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
      } catch (IllegalArgumentException e) {
        throw new UnsupportedEncodingException(encoding);
      }
    }
  }
}
