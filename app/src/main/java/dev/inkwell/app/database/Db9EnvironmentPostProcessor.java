package dev.inkwell.app.database;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * DB9 settings: given {@code inkwell.db9.database} (the DB9 database name) and
 * {@code inkwell.db9.password}, derives the datasource the way DB9's docs describe it: host
 * {@code pg.db9.io}, port 5433, user {@code <name>.admin} (DB9 routes to the tenant by parsing the
 * user), database {@code postgres}, TLS on. Each derived value has its own override
 * ({@code inkwell.db9.host}, {@code .port}, {@code .username}, {@code .dbname}, {@code .ssl-mode}),
 * since DB9 also names other hosts, and the password may be a short-lived connect token (see
 * {@code inkwell.datasource.password-file} / {@code -command}); the pool's {@code max-lifetime}
 * defaults to 9 minutes, below a token's 10.
 *
 * <p>The derived {@code spring.datasource.*} values take precedence over every other source: naming a
 * DB9 database is an explicit choice of server.
 */
public class Db9EnvironmentPostProcessor implements EnvironmentPostProcessor {

  static final String PREFIX = "inkwell.db9.";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    String name = env.getProperty(PREFIX + "database");
    if (!StringUtils.hasText(name)) {
      return;
    }
    String host = env.getProperty(PREFIX + "host", "pg.db9.io");
    String port = env.getProperty(PREFIX + "port", "5433");
    String dbname = env.getProperty(PREFIX + "dbname", "postgres");
    String sslMode = env.getProperty(PREFIX + "ssl-mode", "require");
    Map<String, Object> derived = new LinkedHashMap<>();
    derived.put("spring.datasource.url", "jdbc:postgresql://" + host + ":" + port + "/" + dbname + "?sslmode=" + sslMode);
    derived.put("spring.datasource.username", env.getProperty(PREFIX + "username", name + ".admin"));
    derived.put("spring.datasource.password", env.getProperty(PREFIX + "password", ""));
    env.getPropertySources().addFirst(new MapPropertySource("inkwellDb9", derived));
    // A connect token lives 10 minutes: connections retire before theirs would, unless told otherwise.
    env.getPropertySources().addLast(new MapPropertySource("inkwellDb9Defaults",
        Map.of("spring.datasource.hikari.max-lifetime", "540000")));
  }
}
