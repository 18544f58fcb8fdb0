package dev.inkwell.app.vectors;

import static dev.inkwell.app.web.WebSlice.postJson;
import static dev.inkwell.app.web.WebSlice.problem;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

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
import dev.inkwell.vectors.EmbeddingNotFoundException;

/** /api/embeddings's arguments and problem bodies, in the web layer alone (use cases mocked). */
@WebMvcTest(controllers = EmbeddingController.class)
@AutoConfigureMockMvc(addFilters = false)
@EnableConfigurationProperties(Paging.class)
@Import({BulkLimit.class, Preconditions.class, Exporter.class})
class EmbeddingWebTest {

  @Autowired
  MockMvc mvc;
  @MockitoBean
  EmbeddingUseCases embeddings;

  @Test
  void aNanInTheBodyIs400AndReachesNoUseCase() throws Exception {
    problem(mvc.perform(postJson("/api/embeddings", "{\"name\": \"x\", \"embedding\": [1, NaN, 3]}")), 400, null);
    verifyNoInteractions(embeddings);
  }

  @Test
  void anIdThatIsNoNumberIs400() throws Exception {
    problem(mvc.perform(get("/api/embeddings/abc")), 400, null);
    verifyNoInteractions(embeddings);
  }

  @Test
  void aMissingEmbeddingIs404NamingTheId() throws Exception {
    when(embeddings.get(anyInt())).thenThrow(new EmbeddingNotFoundException(999999));

    problem(mvc.perform(get("/api/embeddings/999999")), 404, "id").andExpect(jsonPath("$.detail").value("no embedding with id 999999"));
  }
}
