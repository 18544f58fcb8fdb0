package dev.inkwell.app.performance;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** Tomcat serves with two request threads more than the pool has connections (RequestThreadsEnvironmentPostProcessor). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.datasource.hikari.maximum-pool-size=3")
class RequestThreadsTest {

  @Autowired
  WebServerApplicationContext context;

  @Test
  void requestThreadsFollowThePoolSize() {
    Object executor = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector().getProtocolHandler().getExecutor();

    assertThat(executor).isInstanceOf(ThreadPoolExecutor.class);
    assertThat(((ThreadPoolExecutor) executor).getMaximumPoolSize()).isEqualTo(5);
  }
}
