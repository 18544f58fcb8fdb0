package dev.inkwell.app.web;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Tomcat's request threads follow the connection pool, unless {@code server.tomcat.threads.max} is
 * set: two more than pooled connections. With Tomcat's 200, every concurrent request ran at once
 * and raced for a connection inside the pool, whose hand-off is not first come, first served: some
 * requests lost several turns (p99 3-3.5 times p50 at 32 clients, docs/benchmarks.md). With few
 * threads, requests wait in Tomcat's queue in arrival order. Twice the pool still left half the threads
 * waiting inside the pool under load, and the hand-off cost the service CPU: a warm KNN search over
 * HTTP took 317-362 µs of it with 10 threads, 264 with 7 (docs/benchmarks.md). The two threads over the
 * pool keep requests that need no connection (health, refused input) moving, and let the pool answer
 * 503 when its connections are all stuck, instead of every request queueing behind them.
 */
public class RequestThreadsEnvironmentPostProcessor implements EnvironmentPostProcessor {

  static final int OVER_THE_POOL = 2;
  /** HikariCP's own default pool size. */
  private static final int HIKARI_DEFAULT_POOL = 10;

  /** The request threads for a pool of {@code poolSize} connections (the benchmarks serve with as many). */
  public static int requestThreads(int poolSize) {
    return Math.max(1, poolSize) + OVER_THE_POOL;
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    // The binder, not env.getProperty: SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE counts as Boot counts it.
    Binder binder = Binder.get(env);
    if (binder.bind("server.tomcat.threads.max", Integer.class).isBound()) {
      return;
    }
    int pool = binder.bind("spring.datasource.hikari.maximum-pool-size", Integer.class).orElse(HIKARI_DEFAULT_POOL);
    int threads = requestThreads(pool);
    env.getPropertySources().addLast(new MapPropertySource("inkwellRequestThreads",
        Map.of("server.tomcat.threads.max", threads, "server.tomcat.threads.min-spare", threads)));
  }
}
