package dev.inkwell.app.web;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.inkwell.query.Paging;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(Paging.class)
class WebConfiguration {

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
