package dev.inkwell.app.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.json.JSONFilter;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's error report for what it refuses before any servlet runs (a malformed percent-encoding or
 * a NUL in the path, more parameters than it parses): an RFC 9457 problem like every other error,
 * where Tomcat's own valve writes an HTML page. Its structure is Tomcat's {@code JsonErrorReportValve}'s;
 * no detail beyond the status, as there.
 */
final class ProblemReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    HttpStatus known = HttpStatus.resolve(status);
    String title = known != null ? known.getReasonPhrase() : "Error";
    // No instance: the path is what was malformed.
    String body = "{\"type\":\"about:blank\",\"title\":\"" + JSONFilter.escape(title) + "\",\"status\":" + status + "}";
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(body);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client is gone or the response committed meanwhile: nothing left to tell
    }
  }
}
