package dev.inkwell.app.transactions;

import javax.sql.DataSource;

import org.mybatis.spring.boot.autoconfigure.SqlSessionFactoryBeanCustomizer;
import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.inkwell.app.database.PoolerMode;

/** The transaction manager (replacing Boot's default one), what it reports, and the proxies that call it. */
@Configuration(proxyBeanMethods = false)
class TransactionConfiguration {

  @Bean
  IsolationObserver isolationObserver() {
    return new IsolationObserver();
  }

  @Bean
  ObservingTransactionManager transactionManager(DataSource dataSource, IsolationObserver observer, Environment env) {
    ObservingTransactionManager manager = new ObservingTransactionManager(dataSource, observer);
    if (PoolerMode.of(env) == PoolerMode.TRANSACTION) {
      manager.setTransactionScopedSettings(PoolerMode.statementTimeout(env));
    }
    return manager;
  }

  /**
   * Frozen auto-proxies. A Spring proxy calls a method that has no advice (every {@code @ReadOnly}
   * read without a replica) through {@code Method.invoke} unless the proxy is frozen, in which case
   * it calls the target directly: two reflective calls per look-up (use case, then service), some
   * 3 % of its CPU (async-profiler, docs/benchmarks.md). Every advisor is known when a proxy is made;
   * a post-processor that adds one later (for {@code @Validated}, {@code @Async}, {@code @Repository}
   * beans, of which the service has none) would wrap the frozen proxy in a second one
   * ({@code FrozenProxiesTest} checks there is none).
   */
  @Bean
  static BeanFactoryPostProcessor frozenProxies() {
    return beanFactory -> {
      if (beanFactory.containsBeanDefinition(AopConfigUtils.AUTO_PROXY_CREATOR_BEAN_NAME)) {
        beanFactory.getBeanDefinition(AopConfigUtils.AUTO_PROXY_CREATOR_BEAN_NAME).getPropertyValues()
            .add("frozen", Boolean.TRUE);
      }
    };
  }

  /**
   * Behind a transaction pooler, mapper calls outside a Spring transaction get one of their own that
   * sets the statement timeout (TimedStatementTransactionFactory); directly connected, nothing changes.
   */
  @Bean
  SqlSessionFactoryBeanCustomizer timedStatementsBehindAPooler(Environment env) {
    return factory -> {
      if (PoolerMode.of(env) == PoolerMode.TRANSACTION) {
        factory.setTransactionFactory(new TimedStatementTransactionFactory(PoolerMode.statementTimeout(env)));
      }
    };
  }

  /**
   * {@code /actuator/info}: {@code {"transactions": {"isolation": {"serializable": "serializable"},
   * "retries": 3}}}: the level granted per level asked for, and units rerun after a conflict.
   */
  @Bean
  InfoContributor transactionInfo(IsolationObserver observer, UnitOfWork unitOfWork) {
    return builder -> builder.withDetail("transactions",
        java.util.Map.of("isolation", observer.observed(), "isolationRefused", observer.refusals(),
            "retries", unitOfWork.retries()));
  }
}
