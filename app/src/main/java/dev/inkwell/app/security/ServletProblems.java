package dev.inkwell.app.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 problems written straight to the response, by filters that answer before Spring MVC runs. */
public final class ServletProblems {

  private ServletProblems() {
  }

  /** {@code request}: the problem's {@code instance}, or null for none. */
  public static void write(HttpServletResponse response, HttpStatus status, String detail, HttpServletRequest request)
      throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", status.getReasonPhrase());
    problem.put("status", status.value());
    problem.put("detail", detail);
    if (request != null) {
      problem.put("instance", request.getRequestURI());
    }
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getWriter().write(JsonMapper.shared().writeValueAsString(problem));
  }
}
