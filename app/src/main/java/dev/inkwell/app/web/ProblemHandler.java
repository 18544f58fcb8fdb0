package dev.inkwell.app.web;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

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

  /** Serialization failures and deadlocks that were not (or no longer) retried. */
  @ExceptionHandler(ConcurrencyFailureException.class)
  ProblemDetail conflict(ConcurrencyFailureException e) {
    String state = sqlState(e);
    return problem(HttpStatus.CONFLICT, "Concurrent update",
        "the transaction conflicted with a concurrent one" + (state == null ? "" : " (SQLSTATE " + state + ")")
            + "; nothing was changed, retry the request", null);
  }

  /** Constraints the database enforces (lengths, NOT NULL, foreign keys) that no earlier check caught. */
  @ExceptionHandler(DataIntegrityViolationException.class)
  ProblemDetail integrity(DataIntegrityViolationException e) {
    String state = sqlState(e);
    String detail = e.getMostSpecificCause().getMessage();
    if (detail != null && detail.startsWith("ERROR: ")) {
      detail = detail.substring("ERROR: ".length()).replaceAll("\\s*\\n.*", "");
    }
    return switch (state == null ? "" : state) {
      case "22001", "23502", "22P02", "23514", "22021" -> problem(HttpStatus.BAD_REQUEST, "Invalid value", detail, null);
      case "23503" -> problem(HttpStatus.CONFLICT, "Missing or referenced row", detail, null);
      default -> problem(HttpStatus.CONFLICT, "Conflict", detail, null);
    };
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
