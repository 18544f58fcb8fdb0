package dev.inkwell.query.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.ibatis.executor.ErrorContext;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.mapping.ParameterMode;
import org.apache.ibatis.reflection.MetaObject;
import org.apache.ibatis.reflection.SystemMetaObject;
import org.apache.ibatis.scripting.defaults.DefaultParameterHandler;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.TypeException;
import org.apache.ibatis.type.TypeHandler;

/**
 * MyBatis's {@link DefaultParameterHandler}, except that the object a dotted parameter names first is
 * read once per statement, not once per parameter.
 *
 * <p>For each of {@code #{row.email}}, {@code #{row.name}}, ... MyBatis splits the name (twice: once
 * to look for a binding of that name, once to read it), reads {@code row} from the parameter object
 * and wraps it in a {@code MetaObject} of its own, then reads {@code email} from that: seven splits,
 * reads and wrappers for a user's seven columns (async-profiler: binding took 9 % of an upsert's
 * CPU samples, 4 % through this handler; docs/benchmarks.md). Here a name is split once for the life
 * of the service, and {@code row}'s {@code MetaObject} (MyBatis's
 * {@link MetaObject#metaObjectForProperty}) is kept for the statement's other parameters; the rest of
 * each name is read through it, and every value goes through the mapping's type handler, as MyBatis
 * does (its own steps, in its own order; for the unknown handler, the one it would pick, kept:
 * {@link ValueTypeHandlers}). Names with a binding of the statement ({@code <foreach>}
 * items, {@code <bind>}) are read as MyBatis reads them.
 */
final class SharedPathParameterHandler extends DefaultParameterHandler {

  /**
   * Parameter names split at their first dot, kept: the names of the mapper XML's {@code #{...}}, up
   * to {@link #MAX_PATHS} (past that, split per call). The names of bindings ({@code <foreach>}
   * items, one per element) are split per call, never kept.
   */
  private static final Map<String, Path> PATHS = new ConcurrentHashMap<>();
  private static final int MAX_PATHS = 10_000;

  private final MappedStatement statement;
  private final Configuration configuration;
  private final Object parameterObject;
  private final BoundSql boundSql;
  private final ValueTypeHandlers handlers;

  SharedPathParameterHandler(MappedStatement statement, Object parameterObject, BoundSql boundSql, ValueTypeHandlers handlers) {
    super(statement, parameterObject, boundSql);
    this.statement = statement;
    this.configuration = statement.getConfiguration();
    this.parameterObject = parameterObject;
    this.boundSql = boundSql;
    this.handlers = handlers;
  }

  /**
   * A parameter name: {@code head} before its first dot ({@code rest} after it, null without one),
   * {@code binding} the head without an index, as MyBatis looks bindings up.
   */
  record Path(String head, String binding, String rest) {

    static Path of(String name) {
      int dot = name.indexOf('.');
      String head = dot < 0 ? name : name.substring(0, dot);
      int index = head.indexOf('[');
      return new Path(head, index < 0 ? head : head.substring(0, index), dot < 0 ? null : name.substring(dot + 1));
    }
  }

  @Override
  public void setParameters(PreparedStatement ps) {
    ErrorContext.instance().activity("setting parameters").object(statement.getParameterMap().getId());
    List<ParameterMapping> mappings = boundSql.getParameterMappings();
    if (mappings == null) {
      return;
    }
    boolean wholeObject = parameterObject != null
        && configuration.getTypeHandlerRegistry().hasTypeHandler(parameterObject.getClass());
    MetaObject meta = null;
    String sharedHead = null;
    MetaObject shared = null;
    for (int i = 0; i < mappings.size(); i++) {
      ParameterMapping mapping = mappings.get(i);
      if (mapping.getMode() == ParameterMode.OUT) {
        continue;
      }
      String property = mapping.getProperty();
      Path path = path(property);
      Object value;
      if (path == null || boundSql.getAdditionalParameters().containsKey(path.binding())) {
        value = boundSql.getAdditionalParameter(property);
      } else if (parameterObject == null) {
        value = null;
      } else if (wholeObject) {
        value = parameterObject;
      } else {
        if (meta == null) {
          meta = configuration.newMetaObject(parameterObject);
        }
        if (path.rest() == null) {
          value = meta.getValue(property);
        } else {
          // What MetaObject.getValue does with a dotted name, its first object kept for the next name.
          if (!path.head().equals(sharedHead)) {
            sharedHead = path.head();
            shared = meta.metaObjectForProperty(sharedHead);
          }
          value = shared == SystemMetaObject.NULL_META_OBJECT ? null : shared.getValue(path.rest());
        }
      }
      JdbcType jdbcType = mapping.getJdbcType();
      if (value == null && jdbcType == null) {
        jdbcType = configuration.getJdbcTypeForNull();
      }
      TypeHandler<Object> typeHandler = handlers.forValue(mapping.getTypeHandler(), value, jdbcType);
      try {
        typeHandler.setParameter(ps, i + 1, value, jdbcType);
      } catch (TypeException | SQLException e) {
        throw new TypeException("Could not set parameters for mapping: " + mapping + ". Cause: " + e, e);
      }
    }
  }

  /** The name split, or null when it names a binding of this statement (MyBatis then reads it). */
  private Path path(String property) {
    Path path = PATHS.get(property);
    if (path != null) {
      return path;
    }
    path = Path.of(property);
    if (boundSql.getAdditionalParameters().containsKey(path.binding())) {
      return null;
    }
    if (PATHS.size() < MAX_PATHS) {
      PATHS.put(property, path);
    }
    return path;
  }
}
