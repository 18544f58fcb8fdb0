package dev.inkwell.bench;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.inkwell.query.testing.StatementCounter;

/** What the benchmark adds to the service's context (found by its component scan). */
@Configuration(proxyBeanMethods = false)
class BenchConfiguration {

  /** Counts statements for W5's fixed-statement proof (recording only while W5 counts). */
  @Bean
  StatementCounter statementCounter() {
    return new StatementCounter();
  }
}
