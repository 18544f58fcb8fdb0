package dev.inkwell.app.search;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.inkwell.embedder.InProcessTextEmbedder;
import dev.inkwell.embedder.TextEmbedder;
import dev.inkwell.posts.PostSearchService;

/** The embedding provider (inkwell.search.embedder), checked at start-up. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SearchProperties.class)
class SearchConfiguration {

  /** The in-process model, loaded now (about a second) so the first search does not wait for it. */
  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "inkwell.search.embedder",
      havingValue = "in-process", matchIfMissing = true)
  InProcessTextEmbedder textEmbedder(SearchProperties properties) {
    InProcessTextEmbedder embedder = new InProcessTextEmbedder(properties.embedderThreads());
    embedder.load();
    return embedder;
  }

  /** {@code database} needs the server's embedding(text): without it the service does not start. */
  @Bean
  SearchProvider searchProvider(SearchProperties properties, ObjectProvider<TextEmbedder> embedder, PostSearchService posts) {
    SearchProvider.Kind kind = SearchProvider.Kind.of(properties.embedder());
    if (kind == SearchProvider.Kind.DATABASE && !posts.serverHasEmbeddingFunction()) {
      throw new IllegalStateException("inkwell.search.embedder=database, but the database has no function embedding(text)"
          + " (on DB9: CREATE EXTENSION embedding); use in-process or none");
    }
    return new SearchProvider(kind, embedder.getIfAvailable());
  }
}
