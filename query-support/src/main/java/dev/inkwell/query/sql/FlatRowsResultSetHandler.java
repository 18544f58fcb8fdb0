package dev.inkwell.query.sql;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.CallableStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.executor.ErrorContext;
import org.apache.ibatis.executor.ExecutorException;
import org.apache.ibatis.executor.result.ResultMapException;
import org.apache.ibatis.executor.resultset.DefaultResultSetHandler;
import org.apache.ibatis.executor.resultset.ResultSetHandler;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ResultMap;
import org.apache.ibatis.mapping.ResultMapping;
import org.apache.ibatis.mapping.StatementType;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.reflection.MetaObject;
import org.apache.ibatis.reflection.factory.ObjectFactory;
import org.apache.ibatis.session.AutoMappingBehavior;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.apache.ibatis.type.JdbcType;

/**
 * Rows of a flat result map read straight through the map's own type handlers and constructor.
 *
 * <p>For every result set MyBatis first asks the driver for each column's label, SQL type and Java
 * class name (pgjdbc looks the last two up in its type cache), then upper-cases every label to see
 * which of the map's columns are present: for a look-up of one user, some 16 % of the service's CPU
 * samples (async-profiler, docs/benchmarks.md), where a hand-written reader pays none of it. A flat map
 * (constructor arguments and plain column properties with their type handlers, no nested map or
 * select, no discriminator, {@code autoMapping="false"}) needs none of that: this reads each row
 * exactly as {@link DefaultResultSetHandler} would (the same type handlers, the same constructor
 * through the configuration's object factory, a row without any value is null, a property is set
 * only when its column is in the result and its value is not null unless {@code callSettersOnNulls}).
 * Every other statement, a custom result handler, row bounds, cursors and OUT parameters stay with
 * MyBatis's handler ({@code FlatRowsResultSetHandlerTest} compares the two on PostgreSQL).
 *
 * <p>MyBatis gives a plugin the handler it built, not the statement it built it for; the statement,
 * row bounds and result handler are read from that handler's fields, once each per statement (a
 * MyBatis version that renamed them fails at start-up, not per query).
 */
@Intercepts(@Signature(type = ResultSetHandler.class, method = "handleResultSets", args = Statement.class))
public class FlatRowsResultSetHandler implements Interceptor {

  private static final VarHandle STATEMENT;
  private static final VarHandle ROW_BOUNDS;
  private static final VarHandle RESULT_HANDLER;

  static {
    try {
      MethodHandles.Lookup fields = MethodHandles.privateLookupIn(DefaultResultSetHandler.class, MethodHandles.lookup());
      STATEMENT = fields.findVarHandle(DefaultResultSetHandler.class, "mappedStatement", MappedStatement.class);
      ROW_BOUNDS = fields.findVarHandle(DefaultResultSetHandler.class, "rowBounds", RowBounds.class);
      RESULT_HANDLER = fields.findVarHandle(DefaultResultSetHandler.class, "resultHandler", ResultHandler.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Per result map: how to read its rows, or {@link #NOT_FLAT}. */
  private final Map<ResultMap, Object> plans = new ConcurrentHashMap<>();
  private static final Object NOT_FLAT = new Object();

  @Override
  public Object plugin(Object target) {
    if (target instanceof DefaultResultSetHandler stock) {
      MappedStatement ms = (MappedStatement) STATEMENT.get(stock);
      RowBounds bounds = (RowBounds) ROW_BOUNDS.get(stock);
      if (RESULT_HANDLER.get(stock) == null && bounds.getOffset() == RowBounds.NO_ROW_OFFSET
          && bounds.getLimit() == RowBounds.NO_ROW_LIMIT && ms.getResultSets() == null
          && ms.getStatementType() != StatementType.CALLABLE && ms.getResultMaps().size() == 1
          && plans.computeIfAbsent(ms.getResultMaps().get(0), map -> plan(ms.getConfiguration(), map)) instanceof Plan plan) {
        return new Handler(stock, ms, plan);
      }
    }
    return target;
  }

  /** Not called: {@link #plugin} decorates handlers without MyBatis's proxy. */
  @Override
  public Object intercept(Invocation invocation) throws Throwable {
    return invocation.proceed();
  }

  /** Whether this handler reads the map's rows (otherwise MyBatis's handler does). */
  public static boolean readsFlat(Configuration configuration, ResultMap map) {
    return plan(configuration, map) instanceof Plan;
  }

  /** How to read a flat map's rows; {@link #NOT_FLAT} for any map MyBatis must read itself. */
  static Object plan(Configuration configuration, ResultMap map) {
    boolean autoMapped = map.getAutoMapping() != null ? map.getAutoMapping()
        : configuration.getAutoMappingBehavior() != AutoMappingBehavior.NONE;
    if (autoMapped || map.getDiscriminator() != null || map.hasNestedResultMaps() || map.hasNestedQueries()
        || map.getConstructorResultMappings().isEmpty() || typeHandled(configuration, map.getType())) {
      return NOT_FLAT;
    }
    for (ResultMapping mapping : map.getResultMappings()) {
      if (mapping.getColumn() == null || mapping.isCompositeResult() || mapping.getNestedQueryId() != null
          || mapping.getNestedResultMapId() != null || mapping.getResultSet() != null || mapping.getTypeHandler() == null) {
        return NOT_FLAT;
      }
    }
    for (ResultMapping property : map.getPropertyResultMappings()) {
      if (property.getProperty() == null) {
        return NOT_FLAT;
      }
    }
    return new Plan(map, List.copyOf(map.getConstructorResultMappings()), List.copyOf(map.getPropertyResultMappings()),
        map.getConstructorResultMappings().stream().<Class<?>>map(ResultMapping::getJavaType).toList(),
        map.getPropertyResultMappings().stream().map(p -> p.getColumn().toUpperCase(Locale.ENGLISH)).toList());
  }

  /** Whether MyBatis would read the row as one value (a type handler for the whole type) instead. */
  private static boolean typeHandled(Configuration configuration, Class<?> type) {
    if (configuration.getTypeHandlerRegistry().hasTypeHandler(type)) {
      return true;
    }
    for (JdbcType jdbcType : JdbcType.values()) {
      if (configuration.getTypeHandlerRegistry().hasTypeHandler(type, jdbcType)) {
        return true;
      }
    }
    return false;
  }

  /** {@code propertyColumns}: the properties' columns, upper-cased, in the properties' order. */
  record Plan(ResultMap map, List<ResultMapping> arguments, List<ResultMapping> properties, List<Class<?>> argumentTypes,
      List<String> propertyColumns) {
  }

  /** One statement's results: MyBatis's handler for all but its flat rows. */
  static final class Handler implements ResultSetHandler {

    private final ResultSetHandler stock;
    private final MappedStatement ms;
    private final Plan plan;

    Handler(ResultSetHandler stock, MappedStatement ms, Plan plan) {
      this.stock = stock;
      this.ms = ms;
      this.plan = plan;
    }

    String statement() {
      return ms.getId();
    }

    @Override
    public <E> List<E> handleResultSets(Statement stmt) throws SQLException {
      ErrorContext.instance().activity("handling results").object(ms.getId());
      ResultSet rs = firstResultSet(stmt);
      if (rs == null) {
        return new ArrayList<>();
      }
      Configuration configuration = ms.getConfiguration();
      ObjectFactory objects = configuration.getObjectFactory();
      List<E> rows = objects.create(List.class);
      try {
        Set<String> present = plan.properties().isEmpty() ? Set.of() : columnsPresent(rs, configuration);
        while (!rs.isClosed() && rs.next()) {
          rows.add(row(rs, configuration, objects, present));
        }
      } finally {
        try {
          rs.close();
        } catch (SQLException ignored) {
          // as MyBatis: a failed close does not fail the read
        }
      }
      return rows;
    }

    /** As DefaultResultSetHandler.getFirstResultSet: past any update counts ahead of the rows. */
    private static ResultSet firstResultSet(Statement stmt) throws SQLException {
      ResultSet rs = stmt.getResultSet();
      while (rs == null) {
        if (stmt.getMoreResults()) {
          rs = stmt.getResultSet();
        } else if (stmt.getUpdateCount() == -1) {
          return null;
        }
      }
      return rs;
    }

    /** The result's column labels (names without useColumnLabel), upper-cased as MyBatis compares them. */
    private static Set<String> columnsPresent(ResultSet rs, Configuration configuration) throws SQLException {
      ResultSetMetaData meta = rs.getMetaData();
      Set<String> present = new HashSet<>();
      for (int i = 1, n = meta.getColumnCount(); i <= n; i++) {
        String column = configuration.isUseColumnLabel() ? meta.getColumnLabel(i) : meta.getColumnName(i);
        present.add(column.toUpperCase(Locale.ENGLISH));
      }
      return present;
    }

    @SuppressWarnings("unchecked")
    private <E> E row(ResultSet rs, Configuration configuration, ObjectFactory objects, Set<String> present) throws SQLException {
      List<ResultMapping> arguments = plan.arguments();
      List<Object> values = new ArrayList<>(arguments.size());
      boolean found = false;
      for (ResultMapping argument : arguments) {
        Object value;
        try {
          value = argument.getTypeHandler().getResult(rs, argument.getColumn());
        } catch (ResultMapException | SQLException e) {
          throw new ExecutorException("Could not process result for mapping: " + argument, e);
        }
        values.add(value);
        found |= value != null;
      }
      if (!found) {
        return null;
      }
      Object row = objects.create(plan.map().getType(), plan.argumentTypes(), values);
      if (!plan.properties().isEmpty()) {
        MetaObject meta = configuration.newMetaObject(row);
        for (int i = 0; i < plan.properties().size(); i++) {
          ResultMapping property = plan.properties().get(i);
          if (present.contains(plan.propertyColumns().get(i))) {
            Object value = property.getTypeHandler().getResult(rs, property.getColumn());
            if (value != null || configuration.isCallSettersOnNulls() && !meta.getSetterType(property.getProperty()).isPrimitive()) {
              meta.setValue(property.getProperty(), value);
            }
          }
        }
      }
      return (E) row;
    }

    @Override
    public <E> Cursor<E> handleCursorResultSets(Statement stmt) throws SQLException {
      return stock.handleCursorResultSets(stmt);
    }

    @Override
    public void handleOutputParameters(CallableStatement cs) throws SQLException {
      stock.handleOutputParameters(cs);
    }
  }
}
