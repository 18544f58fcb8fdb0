package dev.inkwell.app.observability;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import io.micrometer.core.instrument.MeterRegistry;

/** The statement observer (MyBatis installs every Interceptor bean) and its settings. */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

  /** Added before PageHelper's interceptor (inside it), so that it sees the count queries PageHelper runs. */
  @Bean
  @Order(0)
  StatementObserver statementObserver(MeterRegistry registry, @Value("${inkwell.sql.log:false}") boolean logAll,
      @Value("${inkwell.sql.slow-threshold:#{null}}") Duration slowThreshold) {
    return new StatementObserver(registry, logAll, slowThreshold);
  }
}
