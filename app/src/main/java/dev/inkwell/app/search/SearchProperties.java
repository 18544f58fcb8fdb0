package dev.inkwell.app.search;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code inkwell.search.*}: who embeds text ({@code embedder}: in-process, database or none), and
 * how the outbox worker runs. The search's own knobs ({@code language}, {@code candidates},
 * {@code rrf-k}) are read by PostSearchService.
 */
@ConfigurationProperties("inkwell.search")
public record SearchProperties(
    @DefaultValue("in-process") String embedder,
    @DefaultValue("1") int embedderThreads,
    @DefaultValue Worker worker) {

  /**
   * {@code enabled}: this instance embeds waiting posts (any number of instances may); {@code batch}:
   * posts per claim; {@code idle-delay}: the pause when nothing waits; {@code lease}: how long a claim
   * keeps other instances off its posts; {@code retry-after}: the pause after a failure.
   */
  public record Worker(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("32") int batch,
      @DefaultValue("500ms") Duration idleDelay,
      @DefaultValue("5m") Duration lease,
      @DefaultValue("30s") Duration retryAfter) {
  }
}
