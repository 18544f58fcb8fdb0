package dev.inkwell.app.web;

import java.net.URI;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page ({@code server.error.path}): what the container answers itself (a TRACE, a method
 * or body it refuses) reaches it, and it answers with an RFC 9457 problem, where Boot's
 * {@code BasicErrorController} writes its own format. Nothing but the status: exceptions the
 * service knows are answered by {@link ProblemHandler} before they get here.
 */
@RestController
class ProblemErrorController implements ErrorController {

  @RequestMapping("${server.error.path:${error.path:/error}}")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    // Asked for directly, the error page is no resource of the API.
    HttpStatus status = code == null ? HttpStatus.NOT_FOUND
        : code instanceof Integer value && HttpStatus.resolve(value) != null ? HttpStatus.resolve(value)
        : HttpStatus.INTERNAL_SERVER_ERROR;
    ProblemDetail problem = ProblemDetail.forStatus(status);
    problem.setTitle(status.getReasonPhrase());
    if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
      try {
        problem.setInstance(URI.create(uri));
      } catch (IllegalArgumentException e) {
        // a path Tomcat let through that is no URI (relaxed characters): the problem goes without it
      }
    }
    return ResponseEntity.status(status).body(problem);
  }
}
