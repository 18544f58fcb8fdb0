package dev.inkwell.query.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.LocalCacheScope;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.junit.jupiter.api.Test;

import dev.inkwell.query.sql.StatementScopedCacheKeys.OwnKey;

/**
 * Which queries skip MyBatis's cache key, seen from the executor the plugin decorates. No database:
 * every module's and the service's tests run their queries through the plugin on PostgreSQL
 * (MyBatisMappingAutoConfiguration; UserMapperTest re-reads a changed row in one transaction).
 */
class StatementScopedCacheKeysTest {

  /** A call of the four-argument query (MyBatis builds the key) has no key and no bound SQL. */
  private record Call(String statement, CacheKey key, BoundSql boundSql) {
  }

  private final List<Call> calls = new ArrayList<>();

  /** Records which of the two query methods was called, and with what. */
  private final Executor session = new ForwardingExecutor(null) {
    @Override
    public <E> List<E> query(MappedStatement ms, Object parameter, RowBounds rowBounds, ResultHandler resultHandler) {
      calls.add(new Call(ms.getId(), null, null));
      return List.of();
    }

    @Override
    public <E> List<E> query(MappedStatement ms, Object parameter, RowBounds rowBounds, ResultHandler resultHandler,
        CacheKey cacheKey, BoundSql boundSql) {
      calls.add(new Call(ms.getId(), cacheKey, boundSql));
      return List.of();
    }
  };

  @Test
  void aPlainQueryGetsAKeyOfItsOwnAndTheStatementsBoundSql() throws Exception {
    Executor executor = (Executor) new StatementScopedCacheKeys().plugin(session);

    query(executor, configuration(LocalCacheScope.STATEMENT), "plain");
    query(executor, configuration(LocalCacheScope.STATEMENT), "plain");

    assertThat(calls).hasSize(2);
    CacheKey first = calls.get(0).key();
    assertThat(first).isInstanceOf(OwnKey.class).isEqualTo(first).isNotEqualTo(calls.get(1).key()).isNotEqualTo(new CacheKey());
    assertThat(calls.get(0).boundSql().getSql()).contains("SELECT id FROM users WHERE id = ?");
  }

  @Test
  void nestedSelectsCallablesAndASessionScopeKeepMyBatissKey() throws Exception {
    Executor executor = (Executor) new StatementScopedCacheKeys().plugin(session);

    query(executor, configuration(LocalCacheScope.STATEMENT), "nestedSelect");
    query(executor, configuration(LocalCacheScope.STATEMENT), "callable");
    query(executor, configuration(LocalCacheScope.SESSION), "plain");

    assertThat(calls).extracting(Call::statement).containsExactly("cacheKeys.nestedSelect", "cacheKeys.callable", "cacheKeys.plain");
    assertThat(calls).extracting(Call::key).containsOnlyNulls();
  }

  @Test
  void onlyExecutorsAreDecorated() {
    Object notAnExecutor = new Object();

    assertThat(new StatementScopedCacheKeys().plugin(notAnExecutor)).isSameAs(notAnExecutor);
    assertThat(new StatementScopedCacheKeys().plugin(session)).isInstanceOf(ForwardingExecutor.class);
  }

  private static void query(Executor executor, Configuration configuration, String id) throws Exception {
    executor.query(configuration.getMappedStatement("cacheKeys." + id), Map.of("id", 1), RowBounds.DEFAULT, null);
  }

  private static Configuration configuration(LocalCacheScope scope) throws Exception {
    Configuration configuration = new Configuration();
    configuration.setLocalCacheScope(scope);
    String resource = "cache-keys/Statements.xml";
    try (InputStream in = StatementScopedCacheKeysTest.class.getClassLoader().getResourceAsStream(resource)) {
      new XMLMapperBuilder(in, configuration, resource, configuration.getSqlFragments()).parse();
    }
    return configuration;
  }
}
