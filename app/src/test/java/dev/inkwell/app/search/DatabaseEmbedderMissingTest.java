package dev.inkwell.app.search;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import dev.inkwell.Application;

/** inkwell.search.embedder=database on a server without embedding(text): the service does not start, and says why. */
class DatabaseEmbedderMissingTest {

  @Test
  void theServiceRefusesToStart() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
        .logStartupInfo(false).run("--inkwell.search.embedder=database", "--spring.main.banner-mode=off", "--logging.level.root=OFF").close())
        .rootCause().hasMessageContaining("no function embedding(text)").hasMessageContaining("CREATE EXTENSION embedding");
  }
}
