package dev.inkwell.app.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;

import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.executor.SimpleExecutor;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.scripting.xmltags.DynamicSqlSource;
import org.apache.ibatis.session.RowBounds;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.github.pagehelper.Page;
import com.github.pagehelper.PageInterceptor;

import dev.inkwell.app.observability.StatementObserver;
import dev.inkwell.query.sql.CachedConstructorObjectFactory;
import dev.inkwell.query.sql.FlatRowsResultSetHandler;
import dev.inkwell.query.sql.ForwardingExecutor;
import dev.inkwell.query.sql.ParsedOnceLanguageDriver;
import dev.inkwell.query.sql.StatementScopedCacheKeys;

/**
 * One PageHelper interceptor, the service's own (PageHelper's auto-configuration added none), after
 * the statement observer: outermost, so the count queries it runs pass through the observer.
 */
@SpringBootTest
class MyBatisPluginsTest {

  @Autowired
  SqlSessionFactory sessions;

  @Test
  void thePageInterceptorIsTheServicesOwnAndOutermost() {
    List<Interceptor> interceptors = sessions.getConfiguration().getInterceptors();

    assertThat(interceptors).filteredOn(i -> i instanceof PageInterceptor).singleElement()
        .isInstanceOf(PagingConfiguration.ExecutorOnlyPageInterceptor.class);
    assertThat(interceptors.get(interceptors.size() - 1)).isInstanceOf(PageInterceptor.class);
    assertThat(interceptors).anyMatch(i -> i instanceof StatementObserver);
    // Innermost, next to MyBatis's executor: the queries PageHelper runs with keys of its own pass it untouched.
    assertThat(interceptors.get(0)).isInstanceOf(StatementScopedCacheKeys.class);
  }

  /**
   * No reflective proxy per session: each plugin decorates the executor, or (FlatRowsResultSetHandler)
   * a flat statement's result-set handler, and leaves other types alone.
   */
  @Test
  void pluginsDecorateWithoutProxies() {
    Executor executor = new SimpleExecutor(sessions.getConfiguration(), null);
    Object notAnExecutor = new Object();
    for (Interceptor interceptor : sessions.getConfiguration().getInterceptors()) {
      assertThat(interceptor.plugin(notAnExecutor)).isSameAs(notAnExecutor);
      if (interceptor instanceof FlatRowsResultSetHandler) {
        assertThat(interceptor.plugin(executor)).isSameAs(executor);
        continue;
      }
      assertThat(interceptor.plugin(executor)).isInstanceOf(ForwardingExecutor.class);
      assertThat(Proxy.isProxyClass(interceptor.plugin(executor).getClass())).isFalse();
    }
    assertThat(sessions.getConfiguration().getInterceptors()).filteredOn(i -> i instanceof FlatRowsResultSetHandler).hasSize(1);
  }

  /**
   * The maps read without MyBatis's column metadata: a property-only map, or a join nested deeper,
   * would quietly move them back to MyBatis's slower handler.
   */
  @Test
  void rowsAreReadFlat() {
    var configuration = sessions.getConfiguration();
    for (String map : List.of("dev.inkwell.users.UserSql.user", "dev.inkwell.users.internal.UserMapper.upserted",
        "dev.inkwell.posts.internal.PostMapper.post", "dev.inkwell.posts.internal.PostMapper.postWithTags",
        "dev.inkwell.tags.TagSql.tag", "dev.inkwell.vectors.internal.EmbeddingMapper.embedding",
        "dev.inkwell.posts.internal.UserPostsMapper.userWithPosts", "dev.inkwell.posts.internal.PostMapper.tagWithPosts")) {
      assertThat(FlatRowsResultSetHandler.readsFlat(configuration, configuration.getResultMap(map))).as(map).isTrue();
    }
    // a post with its author and tags, nested in a search hit: two levels, MyBatis's
    assertThat(FlatRowsResultSetHandler.readsFlat(configuration,
        configuration.getResultMap("dev.inkwell.posts.internal.PostSearchMapper.hit"))).isFalse();
  }

  /** Every mapper's dynamic statements parse their text's parameters once (persistence-defaults.yml). */
  @Test
  void dynamicStatementsGoThroughTheParsedOnceDriver() {
    assertThat(sessions.getConfiguration().getDefaultScriptingLanguageInstance()).isInstanceOf(ParsedOnceLanguageDriver.class);
    assertThat(sessions.getConfiguration().getMappedStatement("dev.inkwell.users.internal.UserMapper.insert").getSqlSource())
        .isNotInstanceOf(DynamicSqlSource.class);
  }

  /** Rows are built through a kept constructor per result type (query-support's auto-configuration). */
  @Test
  void resultObjectsComeFromTheCachedConstructorFactory() {
    assertThat(sessions.getConfiguration().getObjectFactory()).isInstanceOf(CachedConstructorObjectFactory.class);
  }

  /** A query with row bounds is PageHelper's to page, as through its own plugin: limited, and counted. */
  @Test
  void rowBoundsStillPageThroughPageHelper() {
    try (SqlSession session = sessions.openSession()) {
      List<Object> rows = session.selectList("dev.inkwell.vectors.internal.EmbeddingMapper.selectVectorVersion", null, new RowBounds(0, 1));
      assertThat(rows).isInstanceOf(Page.class).hasSize(1);
    }
  }
}
