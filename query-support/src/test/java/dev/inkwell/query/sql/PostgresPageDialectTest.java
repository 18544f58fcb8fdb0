package dev.inkwell.query.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.session.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.pagehelper.Page;
import com.github.pagehelper.dialect.AbstractHelperDialect;
import com.github.pagehelper.dialect.helper.PostgreSqlDialect;

/**
 * The service's page dialect binds a page exactly as PageHelper's PostgreSQL dialect does, and leaves
 * the statement's kept parse as it was. No database: the modules' paged searches run through it on
 * PostgreSQL (persistence-defaults.yml).
 */
class PostgresPageDialectTest {

  private final Configuration configuration = ParsedOnceStatements.configuration(ParsedOnceLanguageDriver.class);

  /** What a dialect made of a page: its SQL, its mappings, its parameters and its page key. */
  private record Paged(String sql, List<String> mappings, Map<String, Object> parameters, CacheKey key) {
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void aPageIsBoundAsPageHelpersOwnDialectBindsIt(int pageNum) {
    Paged stock = paged(new PostgreSqlDialect(), configuration, pageNum);
    Paged kept = paged(new PostgresPageDialect(), configuration, pageNum);
    assertThat(kept).isEqualTo(stock);
    assertThat(kept.sql()).endsWith(pageNum == 1 ? " LIMIT ?" : " LIMIT ? OFFSET ?");
    assertThat(kept.mappings()).hasSize(pageNum == 1 ? 2 : 3);
    assertThat(kept.parameters()).containsEntry("minAge", 30).containsEntry("column", "name")
        .containsEntry(AbstractHelperDialect.PAGEPARAMETER_SECOND, 20)
        .containsEntry(AbstractHelperDialect.PAGEPARAMETER_FIRST, (pageNum - 1) * 20L);
  }

  @Test
  void theKeptParseKeepsItsOwnMappings() {
    PostgresPageDialect dialect = new PostgresPageDialect();
    paged(dialect, configuration, 2);
    paged(dialect, configuration, 2);
    MappedStatement statement = configuration.getMappedStatement("parsedOnce.orderedBy");
    assertThat(statement.getBoundSql(parameters()).getParameterMappings()).extracting(ParameterMapping::getProperty)
        .containsExactly("minAge");
  }

  @Test
  void eachConfigurationsPageIsBoundWithItsOwnTypeHandlers() {
    PostgresPageDialect dialect = new PostgresPageDialect();
    Configuration other = ParsedOnceStatements.configuration(ParsedOnceLanguageDriver.class);
    for (Configuration each : List.of(configuration, other, configuration)) {
      MappedStatement statement = each.getMappedStatement("parsedOnce.orderedBy");
      BoundSql bound = statement.getBoundSql(parameters());
      dialect.processPageParameter(statement, parameters(), new Page<>(2, 20), bound, new CacheKey());
      List<ParameterMapping> mappings = bound.getParameterMappings();
      assertThat(mappings.get(1).getTypeHandler()).isSameAs(each.getTypeHandlerRegistry().getTypeHandler(int.class));
      assertThat(mappings.get(2).getTypeHandler()).isSameAs(each.getTypeHandlerRegistry().getTypeHandler(long.class));
    }
  }

  private static Paged paged(AbstractHelperDialect dialect, Configuration configuration, int pageNum) {
    MappedStatement statement = configuration.getMappedStatement("parsedOnce.orderedBy");
    Map<String, Object> parameters = parameters();
    BoundSql bound = statement.getBoundSql(parameters);
    Page<Object> page = new Page<>(pageNum, 20);
    CacheKey key = new CacheKey();
    dialect.processPageParameter(statement, parameters, page, bound, key);
    List<String> mappings = bound.getParameterMappings().stream()
        .map(m -> m.getProperty() + " " + m.getJavaType().getName() + " " + m.getTypeHandler().getClass().getName())
        .toList();
    return new Paged(dialect.getPageSql(bound.getSql(), page, key), mappings, parameters, key);
  }

  private static Map<String, Object> parameters() {
    return new HashMap<>(Map.of("minAge", 30, "column", "name"));
  }
}
