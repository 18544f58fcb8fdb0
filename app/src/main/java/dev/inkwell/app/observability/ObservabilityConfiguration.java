package dev.inkwell.app.observability;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.observation.SecurityObservationSettings;

import io.micrometer.core.instrument.MeterRegistry;

/** What the service observes besides HTTP requests and the pool: its statements, and Spring Security's decisions. */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

  /** Added before PageHelper's interceptor (inside it), so that it sees the count queries PageHelper runs. */
  @Bean
  @Order(0)
  StatementObserver statementObserver(MeterRegistry registry, @Value("${inkwell.sql.log:false}") boolean logAll,
      @Value("${inkwell.sql.slow-threshold:#{null}}") Duration slowThreshold) {
    return new StatementObserver(registry, logAll, slowThreshold);
  }

  /**
   * Spring Security's authentications and authorizations stay timed (by result: refused tokens, denied
   * requests); its filter chain is not observed: every filter raised events that Micrometer turned into
   * counters (29 % of what a KNN search request allocated), and http.server.requests already times each
   * request. Without it a KNN search over HTTP cost the service 317 and 362 µs of CPU instead of 381 and 392
   * (docs/benchmarks.md).
   */
  @Bean
  SecurityObservationSettings securityObservations() {
    return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).build();
  }
}
