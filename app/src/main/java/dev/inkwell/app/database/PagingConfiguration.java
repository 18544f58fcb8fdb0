package dev.inkwell.app.database;

import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.sql.SQLException;
import java.util.List;

import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import com.github.pagehelper.PageHelper;
import com.github.pagehelper.PageInterceptor;
import com.github.pagehelper.autoconfigure.PageHelperStandardProperties;

import dev.inkwell.query.sql.ForwardingExecutor;

/**
 * PageHelper's interceptor, registered by the service itself (PageHelper's auto-configuration then
 * adds none: it skips a session factory that already has one) so that it wraps only executors, the
 * one type it intercepts, through a plain decorator (see {@link ForwardingExecutor}), and is called
 * only for a query that is to be paged: otherwise PageHelper builds the bound SQL and cache key
 * itself and runs the query unchanged (7 % of a look-up by id's CPU, docs/benchmarks.md).
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

    private static final Method QUERY = method(MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class);
    private static final Method QUERY_WITH_KEY = method(MappedStatement.class, Object.class, RowBounds.class,
        ResultHandler.class, CacheKey.class, BoundSql.class);

    @Override
    public Object plugin(Object target) {
      return target instanceof Executor executor ? new PagingExecutor(executor) : target;
    }

    /**
     * PageHelper pages a query when a page was started on this thread or the query has row bounds
     * (support-methods-arguments, its third source, is off: persistence-defaults.yml).
     */
    private static boolean paged(RowBounds rowBounds) {
      return PageHelper.getLocalPage() != null || rowBounds != RowBounds.DEFAULT;
    }

    private static Method method(Class<?>... parameterTypes) {
      try {
        return Executor.class.getMethod("query", parameterTypes);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(e);
      }
    }

    private final class PagingExecutor extends ForwardingExecutor {

      PagingExecutor(Executor delegate) {
        super(delegate);
      }

      @Override
      public <E> List<E> query(MappedStatement ms, Object parameter, RowBounds rowBounds, ResultHandler resultHandler)
          throws SQLException {
        return paged(rowBounds)
            ? intercepted(QUERY, ms, parameter, rowBounds, resultHandler)
            : delegate.query(ms, parameter, rowBounds, resultHandler);
      }

      @Override
      public <E> List<E> query(MappedStatement ms, Object parameter, RowBounds rowBounds, ResultHandler resultHandler,
          CacheKey cacheKey, BoundSql boundSql) throws SQLException {
        return paged(rowBounds)
            ? intercepted(QUERY_WITH_KEY, ms, parameter, rowBounds, resultHandler, cacheKey, boundSql)
            : delegate.query(ms, parameter, rowBounds, resultHandler, cacheKey, boundSql);
      }

      @SuppressWarnings("unchecked")
      private <E> List<E> intercepted(Method method, Object... args) throws SQLException {
        try {
          return (List<E>) intercept(new Invocation(delegate, method, args));
        } catch (SQLException | RuntimeException | Error e) {
          throw e;
        } catch (Throwable e) {
          throw new UndeclaredThrowableException(e);
        }
      }
    }
  }
}
