package dev.inkwell.app.replicas;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.aop.Advisor;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.util.StringUtils;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;

import io.micrometer.core.instrument.MeterRegistry;

import dev.inkwell.app.database.PoolPreparer;
import dev.inkwell.app.transactions.ReadOnly;

/**
 * A read replica, when {@code inkwell.datasource.replica.url} is set (unset: Boot's single pool, as
 * before). The primary's pool is then this configuration's, bound from {@code spring.datasource.*}
 * as Boot binds its own; the replica's from {@code inkwell.datasource.replica.*}, with the primary's
 * credentials unless it has its own. The DataSource the service uses routes between them
 * ({@link ReadRouting}).
 *
 * <p>Spring's {@code LazyConnectionDataSourceProxy#setReadOnlyDataSource} is not used: it keys on
 * {@code Connection.setReadOnly(true)}, which only a real transaction calls, and the service's reads
 * run without one (one round trip per read). The routing keys on Spring's read-only flag for
 * transactions and on {@link ReadOnlyScope} for the service's {@code @ReadOnly} use cases.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("inkwell.datasource.replica.url")
class ReplicaConfiguration {

  /** The primary's pool, bound as Boot binds its own (spring.datasource.hikari.*). */
  @Bean
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource primaryDataSource(DataSourceProperties properties) {
    HikariDataSource pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    if (StringUtils.hasText(properties.getName())) {
      pool.setPoolName(properties.getName());
    }
    return pool;
  }

  @Bean
  ReadReplica readReplica(DataSourceProperties primary, Environment env, MeterRegistry meters) {
    Binder binder = Binder.get(env);
    String prefix = "inkwell.datasource.replica";
    HikariConfig config = new HikariConfig();
    config.setPoolName("inkwell-replica");
    config.setMinimumIdle(0);
    config.setMaximumPoolSize(env.getProperty("spring.datasource.hikari.maximum-pool-size", Integer.class, 10));
    // A replica that is down costs a read a second at most before it falls back, not 30.
    config.setConnectionTimeout(1_000);
    config.setInitializationFailTimeout(-1);
    binder.bind(prefix + ".hikari", Bindable.ofInstance(config));
    config.setJdbcUrl(env.getRequiredProperty(prefix + ".url"));
    config.setUsername(env.getProperty(prefix + ".username", primary.determineUsername()));
    config.setPassword(env.getProperty(prefix + ".password", primary.determinePassword()));
    config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
    HikariDataSource pool = new HikariDataSource();
    config.copyStateTo(pool);
    PoolPreparer.prepare(pool, env);
    return new ReadReplica(pool, env.getProperty(prefix + ".max-lag", Duration.class, Duration.ofSeconds(5)),
        env.getProperty(prefix + ".check-interval", Duration.class, Duration.ofSeconds(1)), meters);
  }

  /** {@code @ReadOnly} use cases, on a method or on the class, mark their statements as reads. */
  @Bean
  @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
  static Advisor readOnlyScope() {
    Pointcut readOnly = new ComposablePointcut(new AnnotationMatchingPointcut(ReadOnly.class, true))
        .union(AnnotationMatchingPointcut.forMethodAnnotation(ReadOnly.class));
    return new DefaultPointcutAdvisor(readOnly, new ReadOnlyScope());
  }

  /** What the service uses: MyBatis, the transaction manager, Flyway (always on the primary: it writes). */
  @Bean
  @Primary
  DataSource dataSource(HikariDataSource primaryDataSource, ReadReplica replica) {
    return new LazyConnectionDataSourceProxy(new ReadRouting(primaryDataSource, replica));
  }

  /** {@code /actuator/health}: "db" is the primary; "replica" beside it. */
  @Bean
  DataSourceHealthIndicator dbHealthIndicator(HikariDataSource primaryDataSource) {
    return new DataSourceHealthIndicator(primaryDataSource);
  }

  /**
   * UP while it serves reads; else FALLBACK, a status of its own that the overall status ignores:
   * the service answers every read from the primary meanwhile.
   */
  @Bean
  HealthIndicator replicaHealthIndicator(ReadReplica replica) {
    return () -> {
      ReadReplica.State state = replica.state();
      ReadReplica.Fallback refusal = replica.refusal(0);
      Health.Builder health = refusal == null ? Health.up()
          : Health.status(new Status("FALLBACK", "reads go to the primary: replica " + refusal.name().toLowerCase(java.util.Locale.ROOT)));
      return health.withDetails(describe(replica, state)).build();
    };
  }

  /** {@code /actuator/info}: {@code replica}: which node served the last read, and the replica's lag. */
  @Bean
  InfoContributor replicaInfo(ReadReplica replica) {
    return builder -> {
      Map<String, Object> info = describe(replica, replica.state());
      info.put("lastReadsFrom", replica.lastReadsFrom());
      info.put("fallbacks", replica.fallbackCounts());
      builder.withDetail("replica", info);
    };
  }

  /** What health and info say of the replica; a lag with no bound (see ReadReplica#check) is said unknown. */
  static Map<String, Object> describe(ReadReplica replica, ReadReplica.State state) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reachable", state.reachable());
    if (state.reachable()) {
      details.put("role", state.standby() ? "standby" : "promoted");
      details.put("replayedLsn", ReadConsistency.format(state.replayedLsn()));
      if (Double.isFinite(state.lagSeconds())) {
        details.put("replayLagSeconds", Math.round(state.lagSeconds() * 1000) / 1000.0);
      } else {
        details.put("replayLag", "unknown: WAL received and not replayed, no transaction replayed since the standby started");
      }
    } else {
      details.put("error", String.valueOf(state.error()));
    }
    details.put("maxLagSeconds", replica.maxLag().toMillis() / 1000.0);
    details.put("checkedAt", String.valueOf(state.checkedAt()));
    return details;
  }

  /** Before Spring Security's filters: its header writer reads what the request did. */
  @Bean
  FilterRegistrationBean<ReadConsistencyFilter> readConsistencyFilter() {
    FilterRegistrationBean<ReadConsistencyFilter> bean = new FilterRegistrationBean<>(new ReadConsistencyFilter());
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    return bean;
  }

  /**
   * {@code Inkwell-Commit-LSN} on a successful write's response, written by Spring Security's header
   * writer as the response commits (after the use case's transaction did): the primary's WAL insert
   * position then, past the write's commit record. Not pg_current_wal_lsn(): with synchronous_commit
   * off, the commit record may not have been written out yet, and that position can be before it.
   */
  @Bean
  HeaderWriter commitLsnHeader(HikariDataSource primaryDataSource) {
    return (request, response) -> {
      HttpMethod method = HttpMethod.valueOf(request.getMethod());
      if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
          || response.getStatus() >= 400 || !ReadConsistency.hasWritten()) {
        return;
      }
      try (Connection c = primaryDataSource.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
        rs.next();
        response.setHeader(ReadConsistency.COMMIT_LSN_HEADER, rs.getString(1));
      } catch (SQLException e) {
        // Without the header, the client's next read is served as any other: no worse than without replicas.
      }
    };
  }
}
