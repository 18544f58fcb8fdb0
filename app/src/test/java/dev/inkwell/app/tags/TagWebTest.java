package dev.inkwell.app.tags;

import static dev.inkwell.app.web.WebSlice.postJson;
import static dev.inkwell.app.web.WebSlice.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.util.List;

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
import dev.inkwell.query.Paging;
import dev.inkwell.tags.DuplicateTagException;
import dev.inkwell.tags.NewTag;
import dev.inkwell.tags.TagNotFoundException;

/** /api/tags's arguments and problem bodies, in the web layer alone (use cases mocked). */
@WebMvcTest(controllers = TagController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import({BulkLimit.class, Preconditions.class, Exporter.class})
@EnableConfigurationProperties(Paging.class)
class TagWebTest {

  @Autowired
  MockMvc mvc;
  @MockitoBean
  TagUseCases tags;

  @Test
  void aBlankNameIs400NamingTheField() throws Exception {
    problem(mvc.perform(postJson("/api/tags", "{\"name\": \" \"}")), 400, "name");
    verifyNoInteractions(tags);
  }

  @Test
  void aDuplicateNameIs409() throws Exception {
    when(tags.create(any(NewTag.class))).thenThrow(new DuplicateTagException("java", null));

    problem(mvc.perform(postJson("/api/tags", "{\"name\": \"java\"}")), 409, "name")
        .andExpect(jsonPath("$.detail").value("a tag named 'java' already exists"));
  }

  @Test
  void aMissingTagIs404NamingTheId() throws Exception {
    when(tags.withPosts(anyInt())).thenThrow(new TagNotFoundException(List.of(999999)));

    problem(mvc.perform(get("/api/tags/999999/posts")), 404, "id").andExpect(jsonPath("$.detail").value("no tag with id 999999"));
  }
}
