package dev.inkwell.app.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** For the *WebTest slices: a JSON request, and the expectation that the answer is a problem body. */
public final class WebSlice {

  private WebSlice() {
  }

  /** POST {@code path} with a JSON body. */
  public static MockHttpServletRequestBuilder postJson(String path, String body) {
    return post(path).contentType(MediaType.APPLICATION_JSON).content(body);
  }

  /** The response is an RFC 9457 problem with this status and, unless null, this field. */
  public static ResultActions problem(ResultActions result, int status, String field) throws Exception {
    result.andExpect(status().is(status))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(status));
    return field == null ? result : result.andExpect(jsonPath("$.field").value(field));
  }
}
