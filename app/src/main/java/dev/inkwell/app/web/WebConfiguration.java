package dev.inkwell.app.web;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.inkwell.query.Paging;
import tools.jackson.core.StreamReadFeature;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(Paging.class)
class WebConfiguration {

  /**
   * A body naming a field twice is a 400 (I-JSON, RFC 7493), not read as its last value: what a proxy
   * or a log reads first is then what Inkwell reads. Text is checked by {@link WellFormedText}.
   */
  @Bean
  JsonMapperBuilderCustomizer strictDuplicates() {
    return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
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
