package dev.inkwell.app.web;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

import dev.inkwell.query.Paging;
import tools.jackson.core.StreamReadFeature;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(Paging.class)
class WebConfiguration {

  /** HikariCP's own default pool size. */
  private static final int HIKARI_DEFAULT_POOL = 10;

  /**
   * A body naming a field twice is a 400 (I-JSON, RFC 7493), not read as its last value: what a proxy
   * or a log reads first is then what Inkwell reads. Text is checked by {@link WellFormedText}.
   */
  @Bean
  JsonMapperBuilderCustomizer strictDuplicates() {
    return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
  }

  /**
   * {@link RequestAdmission}, after Spring Security (a refused request never waits for a turn). It
   * admits the pool's connections and two more unless {@code inkwell.web.max-active-requests} is set,
   * and waits as long as the pool would for a connection.
   */
  @Bean
  FilterRegistrationBean<RequestAdmission> requestAdmission(Environment environment,
      @Value("${inkwell.web.buffer-memory:64MB}") DataSize bufferMemory,
      @Value("${inkwell.web.max-body-size:10MB}") DataSize maxBody) {
    // The binder, not @Value: SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE counts as Boot counts it.
    Binder binder = Binder.get(environment);
    int pool = binder.bind("spring.datasource.hikari.maximum-pool-size", Integer.class).orElse(HIKARI_DEFAULT_POOL);
    int maxActive = binder.bind("inkwell.web.max-active-requests", Integer.class).orElse(RequestAdmission.maxActive(pool));
    long wait = binder.bind("spring.datasource.hikari.connection-timeout", Long.class).orElse(30_000L);
    if (maxActive < 1) {
      throw new IllegalArgumentException("inkwell.web.max-active-requests must be at least 1, was " + maxActive);
    }
    if (bufferMemory.toBytes() < maxBody.toBytes() || bufferMemory.toBytes() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("inkwell.web.buffer-memory must be between inkwell.web.max-body-size ("
          + maxBody + ") and 2GB, was " + bufferMemory);
    }
    FilterRegistrationBean<RequestAdmission> bean = new FilterRegistrationBean<>(
        new RequestAdmission(maxActive, (int) bufferMemory.toBytes(), wait));
    bean.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
    return bean;
  }

  /**
   * Tomcat's error reports as problems ({@link ProblemReportValve}) in place of the HTML valve that
   * Boot adds to the host: unordered, this customizer runs after Boot's, and so does what it adds.
   */
  @Bean
  WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemReports() {
    return factory -> factory.addContextCustomizers(context -> {
      Pipeline pipeline = context.getParent().getPipeline();
      for (Valve valve : pipeline.getValves()) {
        if (valve instanceof ErrorReportValve) {
          pipeline.removeValve(valve);
        }
      }
      pipeline.addValve(new ProblemReportValve());
      // The host adds a valve of this class when it starts unless one is there.
      ((StandardHost) context.getParent()).setErrorReportValveClass(ProblemReportValve.class.getName());
    });
  }
}
