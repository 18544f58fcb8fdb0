package dev.inkwell.query.sql;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ResultMap;
import org.apache.ibatis.mapping.StatementType;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.LocalCacheScope;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;

/**
 * A query's local-cache key, built only where it can be looked up.
 *
 * <p>For every query MyBatis builds a key from the statement, its SQL, its row bounds and every
 * parameter value (read again by reflection, after binding read them once): up to 9 % of an upsert's CPU
 * (async-profiler, docs/benchmarks.md). With {@code local-cache-scope: statement}
 * (persistence-defaults.yml) the session's cache is emptied after each top-level statement, so the
 * only look-ups of that key come from the statement's own nested selects ({@code select=} in a result
 * map: a circular reference is found by key). A query whose result maps have none, and that is not a
 * callable statement (whose OUT parameters are cached by key), gets a key equal only to itself; every
 * other query, and every query under another cache scope, gets MyBatis's. The query still runs
 * through MyBatis's executor as before: the cache is filled and emptied as it was, nothing is read
 * from it that could have been.
 *
 * <p>Registered by {@link MyBatisMappingAutoConfiguration} before the service's own plugins, so it is
 * the innermost decorator of each session's executor.
 */
@Intercepts(@Signature(type = Executor.class, method = "query",
    args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}))
public class StatementScopedCacheKeys implements Interceptor {

  @Override
  public Object plugin(Object target) {
    return target instanceof Executor executor ? new KeyingExecutor(executor) : target;
  }

  /** Not called: {@link #plugin} decorates executors without MyBatis's proxy. */
  @Override
  public Object intercept(Invocation invocation) throws Throwable {
    return invocation.proceed();
  }

  /** Whether MyBatis's key for this statement can never be looked up again. */
  static boolean keyUnused(MappedStatement ms) {
    if (ms.getConfiguration().getLocalCacheScope() != LocalCacheScope.STATEMENT
        || ms.getStatementType() == StatementType.CALLABLE) {
      return false;
    }
    for (ResultMap resultMap : ms.getResultMaps()) {
      if (resultMap.hasNestedQueries()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Equal to no other key: a look-up with it finds only what was stored under it. Its hash is drawn
   * at random, not the identity hash, which the JVM writes into a new object's header on first use:
   * 1.6 % of a look-up by id's CPU samples (async-profiler, W3).
   */
  static final class OwnKey extends CacheKey {

    private static final long serialVersionUID = 1L;
    private final int hash = ThreadLocalRandom.current().nextInt();

    @Override
    public boolean equals(Object other) {
      return this == other;
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private static final class KeyingExecutor extends ForwardingExecutor {

    KeyingExecutor(Executor delegate) {
      super(delegate);
    }

    /** What {@code BaseExecutor} does, with its key built only when it may be used. */
    @Override
    public <E> List<E> query(MappedStatement ms, Object parameter, RowBounds rowBounds, ResultHandler resultHandler)
        throws SQLException {
      if (!keyUnused(ms)) {
        return delegate.query(ms, parameter, rowBounds, resultHandler);
      }
      BoundSql boundSql = ms.getBoundSql(parameter);
      return delegate.query(ms, parameter, rowBounds, resultHandler, new OwnKey(), boundSql);
    }
  }
}
