package dev.inkwell.query.sql;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.session.Configuration;

import com.github.pagehelper.Page;
import com.github.pagehelper.dialect.helper.PostgreSqlDialect;

/**
 * PageHelper's PostgreSQL dialect (the same {@code LIMIT ? OFFSET ?}, the same parameters, mappings
 * and page key), with the two mappings it appends built once per configuration and set on the bound
 * SQL through one kept setter. The stock dialect builds both mappings and a {@code MetaObject} for the
 * bound SQL on every page: 2.8 % of a page's CPU in W5 (docs/benchmarks.md). Named in
 * {@code pagehelper.helper-dialect} (persistence-defaults.yml).
 */
public class PostgresPageDialect extends PostgreSqlDialect {

  /** BoundSql keeps its mappings in a final field without a setter; PageHelper replaces it the same way. */
  private static final MethodHandle SET_MAPPINGS;

  static {
    try {
      Field field = BoundSql.class.getDeclaredField("parameterMappings");
      field.setAccessible(true);
      SET_MAPPINGS = MethodHandles.lookup().unreflectSetter(field);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The page's two mappings, for the configuration they were built from. */
  private record Limits(Configuration configuration, ParameterMapping size, ParameterMapping offset) {

    static Limits of(Configuration configuration) {
      return new Limits(configuration,
          new ParameterMapping.Builder(configuration, PAGEPARAMETER_SECOND, int.class).build(),
          new ParameterMapping.Builder(configuration, PAGEPARAMETER_FIRST, long.class).build());
    }
  }

  private volatile Limits limits;

  @Override
  public Object processPageParameter(MappedStatement ms, Map<String, Object> paramMap, Page page, BoundSql boundSql,
      CacheKey pageKey) {
    paramMap.put(PAGEPARAMETER_SECOND, page.getPageSize());
    paramMap.put(PAGEPARAMETER_FIRST, page.getStartRow());
    pageKey.update(page.getPageSize());
    pageKey.update(page.getStartRow());
    List<ParameterMapping> mappings = boundSql.getParameterMappings();
    if (mappings != null) {
      Limits kept = limits;
      if (kept == null || kept.configuration() != ms.getConfiguration()) {
        kept = Limits.of(ms.getConfiguration());
        limits = kept;
      }
      // A new list: the bound SQL's may be a kept parse's, shared with every other execution.
      List<ParameterMapping> paged = new ArrayList<>(mappings.size() + 2);
      paged.addAll(mappings);
      paged.add(kept.size());
      if (page.getStartRow() != 0) {
        paged.add(kept.offset());
      }
      try {
        SET_MAPPINGS.invokeExact(boundSql, paged);
      } catch (Throwable e) {
        throw new IllegalStateException("could not set the page's parameter mappings", e);
      }
    }
    return paramMap;
  }
}
