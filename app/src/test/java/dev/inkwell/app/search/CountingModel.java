package dev.inkwell.app.search;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import dev.inkwell.embedder.InProcessTextEmbedder;
import dev.inkwell.embedder.TextEmbedder;

/** The real in-process model, counting the texts it embeds (to see that no post is embedded twice). */
@TestConfiguration(proxyBeanMethods = false)
class CountingModel {

  static final AtomicLong TEXTS = new AtomicLong();

  @Bean
  @Primary
  TextEmbedder countingModel(InProcessTextEmbedder model) {
    return new TextEmbedder() {
      @Override
      public String model() {
        return model.model();
      }

      @Override
      public int dimension() {
        return model.dimension();
      }

      @Override
      public List<float[]> embed(List<String> texts) {
        TEXTS.addAndGet(texts.size());
        return model.embed(texts);
      }
    };
  }
}
