package dev.inkwell.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class RequestThreadsEnvironmentPostProcessorTest {

  private static StandardEnvironment environment(Map<String, Object> properties) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addFirst(new MapPropertySource("test", properties));
    new RequestThreadsEnvironmentPostProcessor().postProcessEnvironment(env, null);
    return env;
  }

  @Test
  void twoMoreThanThePool() {
    StandardEnvironment env = environment(Map.of("spring.datasource.hikari.maximum-pool-size", "5"));

    assertThat(env.getProperty("server.tomcat.threads.max")).isEqualTo("7");
    assertThat(env.getProperty("server.tomcat.threads.min-spare")).isEqualTo("7");
  }

  @Test
  void thePoolSizeAsAnEnvironmentVariableSpellsIt() {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", "7")));
    new RequestThreadsEnvironmentPostProcessor().postProcessEnvironment(env, null);

    assertThat(env.getProperty("server.tomcat.threads.max")).isEqualTo("9");
  }

  @Test
  void hikarisDefaultPoolWhenNoneIsSet() {
    assertThat(environment(Map.of()).getProperty("server.tomcat.threads.max")).isEqualTo("12");
  }

  @Test
  void anExplicitSettingWins() {
    StandardEnvironment env = environment(Map.of("spring.datasource.hikari.maximum-pool-size", "5", "server.tomcat.threads.max", "64"));

    assertThat(env.getProperty("server.tomcat.threads.max")).isEqualTo("64");
    assertThat(env.getProperty("server.tomcat.threads.min-spare")).isNull();
  }
}
