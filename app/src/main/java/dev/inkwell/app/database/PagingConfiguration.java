package dev.inkwell.app.database;

import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import com.github.pagehelper.PageInterceptor;
import com.github.pagehelper.autoconfigure.PageHelperStandardProperties;

/**
 * PageHelper's interceptor, registered by the service itself (PageHelper's auto-configuration then
 * adds none: it skips a session factory that already has one) so that it wraps only executors, the
 * one type it intercepts. MyBatis otherwise reflects over its signatures for each of the four objects
 * it builds per statement: 13 % of a look-up by id's CPU (docs/benchmarks.md).
 */
@Configuration(proxyBeanMethods = false)
class PagingConfiguration {

  /** Added last, so outermost: its count query passes through the statement observer like any other. */
  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  PageInterceptor pageInterceptor(PageHelperStandardProperties properties) {
    PageInterceptor interceptor = new ExecutorOnlyPageInterceptor();
    interceptor.setProperties(properties.getProperties());
    return interceptor;
  }

  /** PageHelper's own signatures (annotations are not inherited). */
  @Intercepts({
      @Signature(type = Executor.class, method = "query", args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}),
      @Signature(type = Executor.class, method = "query",
          args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class, CacheKey.class, BoundSql.class})})
  static final class ExecutorOnlyPageInterceptor extends PageInterceptor {
    @Override
    public Object plugin(Object target) {
      return target instanceof Executor ? super.plugin(target) : target;
    }
  }
}
