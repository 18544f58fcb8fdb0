package dev.inkwell.app.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.github.pagehelper.PageInterceptor;

import dev.inkwell.app.observability.StatementObserver;

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
  }
}
