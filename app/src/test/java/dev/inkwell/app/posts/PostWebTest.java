package dev.inkwell.app.posts;

import static dev.inkwell.app.web.WebSlice.postJson;
import static dev.inkwell.app.web.WebSlice.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.util.List;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.inkwell.app.web.BulkLimit;
import dev.inkwell.app.web.Exporter;
import dev.inkwell.app.web.Preconditions;
import dev.inkwell.posts.PostNotFoundException;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.Paging;
import dev.inkwell.tags.TagNotFoundException;

/**
 * /api/posts's arguments and problem bodies, in the web layer alone (use cases mocked): what the
 * controller refuses never reaches them, and what they throw becomes its problem.
 */
@WebMvcTest(controllers = PostController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import({BulkLimit.class, Preconditions.class, Exporter.class})
@EnableConfigurationProperties(Paging.class)
class PostWebTest {

  @Autowired
  MockMvc mvc;
  @MockitoBean
  PostUseCases posts;

  @Test
  void aBlankTitleIs400NamingTheField() throws Exception {
    problem(mvc.perform(postJson("/api/posts", "{\"title\": \"\", \"content\": \"y\", \"authorId\": 1}")), 400, "title")
        .andExpect(jsonPath("$.detail").value(Matchers.startsWith("title:")));
    verifyNoInteractions(posts);
  }

  @Test
  void anUnknownIncludeIs400() throws Exception {
    problem(mvc.perform(get("/api/posts/1").queryParam("include", "comments")), 400, "include");
    verifyNoInteractions(posts);
  }

  @Test
  void aMissingPostIs404NamingTheId() throws Exception {
    when(posts.get(anyInt(), any())).thenThrow(new PostNotFoundException(999999));

    problem(mvc.perform(get("/api/posts/999999")), 404, "id").andExpect(jsonPath("$.detail").value("no post with id 999999"));
  }

  @Test
  void aMissingTagIs404NamingTheId() throws Exception {
    when(posts.changeTags(anyInt(), any(), anyBoolean())).thenThrow(new TagNotFoundException(List.of(999999)));

    problem(mvc.perform(postJson("/api/posts/1/tags", "{\"tagIds\": [999999]}")), 404, "id")
        .andExpect(jsonPath("$.detail").value("no tag with id 999999"));
  }

  @Test
  void aRefusedArgumentOfAUseCaseIs400NamingItsField() throws Exception {
    when(posts.changeTags(anyInt(), any(), anyBoolean())).thenThrow(new InvalidQueryException("tagIds", "give either tagIds or names"));

    problem(mvc.perform(postJson("/api/posts/1/tags", "{}")), 400, "tagIds").andExpect(jsonPath("$.detail").value("give either tagIds or names"));
  }
}
