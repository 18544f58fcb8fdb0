package dev.inkwell.app.transactions;

import javax.sql.DataSource;

import org.mybatis.spring.boot.autoconfigure.SqlSessionFactoryBeanCustomizer;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.inkwell.app.database.PoolerMode;

/** The transaction manager (replacing Boot's default one) and what it reports. */
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
