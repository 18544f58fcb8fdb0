package dev.inkwell.app.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.inkwell.app.search.SearchUnavailableException;
import dev.inkwell.posts.PostNotFoundException;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.tags.DuplicateTagException;
import dev.inkwell.tags.TagNotFoundException;
import dev.inkwell.users.DuplicateEmailException;
import dev.inkwell.users.StaleUserException;
import dev.inkwell.users.UserNotFoundException;
import dev.inkwell.vectors.EmbeddingNotFoundException;

/**
 * Every error as an RFC 9457 problem body ({@code application/problem+json}), with {@code field}
 * naming the offending input where there is one. Errors reach here after the use case's transaction
 * rolled back, so nothing is half-written.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

  private final ObjectProvider<HikariDataSource> pool;

  public ProblemHandler(ObjectProvider<HikariDataSource> pool) {
    this.pool = pool;
  }

  public static ProblemDetail problem(HttpStatus status, String title, String detail, String field) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    if (field != null) {
      problem.setProperty("field", field);
    }
    return problem;
  }

  @ExceptionHandler(InvalidQueryException.class)
  ProblemDetail invalidQuery(InvalidQueryException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), e.field());
  }

  /**
   * Parameters the container cannot parse. Not Tomcat's message: it says the parameter "has been
   * ignored" (the request is refused), advises on the connector's settings, and follows the JVM's locale.
   * A decoding failure is the one that carries a cause.
   */
  @ExceptionHandler(InvalidParameterException.class)
  ProblemDetail badParameters(InvalidParameterException e, HttpServletRequest request) {
    String query = request.getQueryString() == null ? "" : request.getQueryString();
    String detail = e.getCause() != null ? "a parameter's name or value is not %-encoded UTF-8"
        : ("&" + query).contains("&=") ? "a parameter without a name"
        : "more parameters than the server accepts";
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", "malformed query string: " + detail, null);
  }

  /** Spring Security's firewall checks parameter names only when they are read, inside the handler. */
  @ExceptionHandler(RequestRejectedException.class)
  ProblemDetail rejected(RequestRejectedException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), null);
  }

  @ExceptionHandler(UserNotFoundException.class)
  ProblemDetail notFound(UserNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), "id");
  }

  @ExceptionHandler({PostNotFoundException.class, TagNotFoundException.class, EmbeddingNotFoundException.class})
  ProblemDetail missing(RuntimeException e) {
    return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), "id");
  }

  @ExceptionHandler(DuplicateTagException.class)
  ProblemDetail duplicateTag(DuplicateTagException e) {
    return problem(HttpStatus.CONFLICT, "Duplicate", e.getMessage(), "name");
  }

  @ExceptionHandler(DuplicateEmailException.class)
  ProblemDetail duplicate(DuplicateEmailException e) {
    return problem(HttpStatus.CONFLICT, "Duplicate", e.getMessage(), "email");
  }

  @ExceptionHandler(StaleUserException.class)
  ProblemDetail stale(StaleUserException e) {
    return problem(HttpStatus.CONFLICT, "Changed since read", e.getMessage(), null);
  }

  @ExceptionHandler(PreconditionFailedException.class)
  ProblemDetail preconditionFailed(PreconditionFailedException e) {
    return problem(HttpStatus.PRECONDITION_FAILED, "Precondition failed", e.getMessage(), "If-Match");
  }

  @ExceptionHandler(PreconditionRequiredException.class)
  ProblemDetail preconditionRequired(PreconditionRequiredException e) {
    return problem(HttpStatus.PRECONDITION_REQUIRED, "Precondition required", e.getMessage(), "If-Match");
  }

  /** The embedding model failed on a search's query: the client may retry. */
  @ExceptionHandler(SearchUnavailableException.class)
  ResponseEntity<ProblemDetail> searchUnavailable(SearchUnavailableException e) {
    ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "Search unavailable", e.getMessage(), null);
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
  }

  @ExceptionHandler(SnapshotExportsBusyException.class)
  ResponseEntity<ProblemDetail> snapshotExportsBusy(SnapshotExportsBusyException e) {
    ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable", e.getMessage(), "snapshot");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
  }

  /** Serialization failures and deadlocks that were not (or no longer) retried. */
  @ExceptionHandler(ConcurrencyFailureException.class)
  ProblemDetail conflict(ConcurrencyFailureException e) {
    String state = sqlState(e);
    return problem(HttpStatus.CONFLICT, "Concurrent update",
        "the transaction conflicted with a concurrent one" + (state == null ? "" : " (SQLSTATE " + state + ")")
            + "; nothing was changed, retry the request", null);
  }

  /**
   * The database cannot be reached now (down, restarting, pool exhausted past its acquire timeout, the
   * connection killed): 503 with Retry-After, fast, so clients back off instead of piling up.
   */
  @ExceptionHandler({CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
      DataAccessResourceFailureException.class, TransientDataAccessResourceException.class})
  ResponseEntity<ProblemDetail> unavailable(Exception e) {
    String state = sqlState(e);
    if (state != null && state.startsWith("54")) {
      // Program limit exceeded (too many columns, arguments, too deep): Spring files the class with
      // resource failures, but the database is fine and the request asked too much.
      return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Request too complex",
          "the statement this request needs is past a limit of the database (SQLSTATE " + state + "); ask for less", null));
    }
    if (!poolTimeout(e)) {
      // The server dropped this connection: it dropped its idle siblings too. Evicting them now
      // spares the next requests one dead connection each.
      pool.ifAvailable(ds -> {
        if (ds.getHikariPoolMXBean() != null) {
          ds.getHikariPoolMXBean().softEvictConnections();
        }
      });
    }
    ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable",
        "the database cannot be reached right now; retry shortly", null);
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
  }

  /** A statement ran past the server's statement_timeout (inkwell.statement-timeout) and was cancelled. */
  @ExceptionHandler(QueryTimeoutException.class)
  ProblemDetail timeout(QueryTimeoutException e) {
    return problem(HttpStatus.GATEWAY_TIMEOUT, "Statement timed out",
        "the database statement took too long and was cancelled; nothing was changed", null);
  }

  /**
   * Anything else: a timeout or an unreachable database wrapped in another exception (MyBatis wraps
   * what happens while it opens a connection) keeps its meaning; the rest is a 500 problem that gives
   * away no stack trace, SQL or message.
   */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    if ("57014".equals(sqlState(e))) {
      return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).body(timeout(null));
    }
    if (lostDatabase(e)) {
      return unavailable(e);
    }
    logger.error("unexpected error", e);
    return ResponseEntity.internalServerError()
        .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "an unexpected error occurred", null));
  }

  /** No connection within the pool's acquire timeout (the connections themselves are fine). */
  private static boolean poolTimeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException && t.getMessage() != null && t.getMessage().contains("request timed out")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The connection or the server went away under the request: no connection to be had, a socket
   * closed, SQLSTATE class 08 or 57P01..03, or a commit or rollback that failed on the connection.
   */
  private static boolean lostDatabase(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CannotGetJdbcConnectionException || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException || t instanceof java.net.SocketException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
        return true;
      }
      if (t instanceof TransactionSystemException) {
        return true; // commit or rollback itself failed: the connection is gone
      }
    }
    return false;
  }

  /** Constraints the database enforces (lengths, NOT NULL, foreign keys) that no earlier check caught. */
  @ExceptionHandler(DataIntegrityViolationException.class)
  ProblemDetail integrity(DataIntegrityViolationException e) {
    String state = sqlState(e);
    String detail = e.getMostSpecificCause().getMessage();
    if (detail != null && detail.startsWith("ERROR: ")) {
      detail = detail.substring("ERROR: ".length()).replaceAll("\\s*\\n.*", "");
    }
    String code = state == null ? "" : state;
    if (code.startsWith("22") || code.equals("23502") || code.equals("23514")) {
      // data exceptions (too long, bad syntax, NUL characters, ...) and NOT NULL / CHECK: the input is wrong
      return problem(HttpStatus.BAD_REQUEST, "Invalid value", detail, null);
    }
    if (code.equals("23503")) {
      return problem(HttpStatus.CONFLICT, "Missing or referenced row", detail, null);
    }
    return problem(HttpStatus.CONFLICT, "Conflict", detail, null);
  }

  /** A body Jackson could not read: where and why, when that can be said ({@link UnreadableBody}). */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    ProblemDetail problem = UnreadableBody.problem(e);
    return problem == null ? super.handleHttpMessageNotReadable(e, headers, status, request)
        : handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  /** Bean validation of a body: the first field in error is {@code field}, all of them in {@code errors}. */
  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
        .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage()))).toList();
    String first = errors.isEmpty() ? null : errors.get(0).get("field");
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request",
        errors.isEmpty() ? "invalid request body" : first + ": " + errors.get(0).get("message"), first);
    problem.setProperty("errors", errors);
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  /** Validation of list elements ({@code List<@Valid NewUser>}). */
  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<Map<String, String>> errors = e.getParameterValidationResults().stream()
        .flatMap(r -> r.getResolvableErrors().stream().map(err -> Map.of(
            "field", fieldOf(err) + (r.getContainerIndex() == null ? "" : "[" + r.getContainerIndex() + "]"),
            "message", String.valueOf(err.getDefaultMessage()))))
        .toList();
    String first = errors.isEmpty() ? null : errors.get(0).get("field");
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request",
        errors.isEmpty() ? "invalid request" : first + ": " + errors.get(0).get("message"), first);
    problem.setProperty("errors", errors);
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  private static String fieldOf(org.springframework.context.MessageSourceResolvable error) {
    return error instanceof org.springframework.validation.FieldError f ? f.getField() : "value";
  }

  private static String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }
}
