package dev.inkwell.app.database;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;

import dev.inkwell.vectors.EmbeddingService;

/**
 * Prepares every HikariCP pool before it opens (after Boot has bound {@code spring.datasource.hikari.*}):
 * <ul>
 *   <li>its {@link DatasourceCredentials}, so that each new physical connection asks for the password
 *       again (DB9's connect tokens expire after 10 minutes; the pool opens connections all day);</li>
 *   <li>what a connection keeps for its session, by {@link PoolerMode}: directly connected, the
 *       statement timeout and pgvector's iterative index scans ({@link EmbeddingService#CONNECTION_SETTINGS})
 *       are set once per connection; behind a transaction-pooling proxy nothing is
 *       (the next transaction may run on another server connection, and another client on this one),
 *       and pgjdbc names no server-side statements ({@code prepareThreshold=0}).</li>
 * </ul>
 */
public final class PoolPreparer implements BeanPostProcessor, Ordered {

  private static final Logger log = LoggerFactory.getLogger(PoolPreparer.class);

  private final Environment env;

  PoolPreparer(Environment env) {
    this.env = env;
  }

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool && pool.getDataSource() == null && pool.getJdbcUrl() != null) {
      prepare(pool, env);
    }
    return bean;
  }

  /** Prepares a pool that is not a bean (a read replica's) as the beans are. */
  public static void prepare(HikariDataSource pool, Environment env) {
    // Before the driver's data source below copies the properties.
    PoolerMode mode = PoolerMode.of(env);
    if (mode == PoolerMode.TRANSACTION) {
      pool.getDataSourceProperties().putIfAbsent("prepareThreshold", "0");
    } else {
      // One round trip for all, before the connection's first use; an init SQL of the user's own
      // replaces the statement timeout, searches still need the iterative scans.
      String own = pool.getConnectionInitSql() != null ? pool.getConnectionInitSql().strip().replaceAll(";+$", "")
          : "SET statement_timeout = '" + PoolerMode.statementTimeout(env) + "'";
      pool.setConnectionInitSql(own + "; " + EmbeddingService.CONNECTION_SETTINGS);
    }
    String file = env.getProperty("inkwell.datasource.password-file");
    String command = env.getProperty("inkwell.datasource.password-command");
    DatasourceCredentials credentials = new DatasourceCredentials(pool.getUsername(), pool.getPassword(),
        StringUtils.hasText(file) ? Path.of(file) : null, StringUtils.hasText(command) ? command : null,
        env.getProperty("inkwell.datasource.password-refresh", Duration.class, Duration.ofMinutes(5)), Clock.systemUTC());
    pool.setCredentialsProvider(credentials);
    pool.setDataSource(new RefreshOnAuthenticationFailure(new DriverDataSource(pool.getJdbcUrl(),
        pool.getDriverClassName(), pool.getDataSourceProperties(), pool.getUsername(), pool.getPassword()), credentials));
    if (credentials.rotates()) {
      log.info("database password for pool {}: {}", pool.getPoolName(), credentials.source());
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
