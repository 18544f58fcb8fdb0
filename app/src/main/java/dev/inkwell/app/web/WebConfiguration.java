package dev.inkwell.app.web;

import java.util.List;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

import dev.inkwell.query.Paging;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

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
   * Boot's JSON builder, its customizers applied in their order, over a factory whose output may nest
   * 1,000 deep where Jackson's default is the 500 it also reads: an answer puts what a body stored
   * inside objects and lists of its own (a page's items), and metadata as deep as a create allows had
   * made every page that showed it a 500. Boot 4.0 has no property for it; without a builder of its
   * own, Boot uses this one.
   */
  @Bean
  @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
  JsonMapper.Builder deepAnswersJsonMapperBuilder(List<JsonMapperBuilderCustomizer> customizers) {
    JsonMapper.Builder builder = JsonMapper.builder(JsonFactory.builder()
        .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(1_000).build()).build());
    customizers.forEach(customizer -> customizer.customize(builder));
    return builder;
  }

  /** {@link ConcreteContentType}, as early as the body's size is checked. */
  @Bean
  FilterRegistrationBean<ConcreteContentType> concreteContentType() {
    FilterRegistrationBean<ConcreteContentType> bean = new FilterRegistrationBean<>(new ConcreteContentType());
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    return bean;
  }

  /**
   * {@link RequestAdmission}, after Spring Security (a refused request never waits for a turn). It
   * admits as many requests as the pool has connections unless {@code inkwell.web.max-active-requests} is set,
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
