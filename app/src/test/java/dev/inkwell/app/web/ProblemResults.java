package dev.inkwell.app.web;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/** For the *WebTest slices: the response is an RFC 9457 problem with this status and field. */
public final class ProblemResults {

  private ProblemResults() {
  }

  public static ResultActions problem(ResultActions result, int status, String field) throws Exception {
    result.andExpect(status().is(status))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(status));
    return field == null ? result : result.andExpect(jsonPath("$.field").value(field));
  }
}
