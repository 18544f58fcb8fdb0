package dev.inkwell.query.sql;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.CallableStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.ibatis.cache.CacheKey;
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
 * <p>A map that joins flat maps one level deep (a user with its posts: plain column properties, and
 * {@code <association>}s and {@code <collection>}s of flat maps) is read the same way, its rows grouped
 * as MyBatis groups them: by MyBatis's own row keys ({@link CacheKey} of the {@code <id>} columns, or
 * without any of all column properties), the parent's key combined into each child's, a child read
 * once per parent, a collection created even when no row has a child, a child without any value left
 * out.
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

  /** {@link Handler#columnsPresent} by the result's columns; a service's statements name a few hundred lists. */
  private static final Map<List<String>, Set<String>> PRESENT = new ConcurrentHashMap<>();
  private static final int COLUMN_LISTS_KEPT = 4096;

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
          && !ms.isResultOrdered()) {
        Object plan = plans.computeIfAbsent(ms.getResultMaps().get(0), map -> plan(ms.getConfiguration(), map));
        if (plan instanceof Plan flat) {
          return new FlatHandler(stock, ms, flat);
        }
        if (plan instanceof Joined joined) {
          return new JoinedHandler(stock, ms, joined);
        }
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
    return plan(configuration, map) != NOT_FLAT;
  }

  /** How to read a map's rows ({@link Plan}, {@link Joined}); {@link #NOT_FLAT} for any map MyBatis must read itself. */
  static Object plan(Configuration configuration, ResultMap map) {
    return map.hasNestedResultMaps() ? joined(configuration, map) : flat(configuration, map, null);
  }

  /** A flat map read with {@code prefix} (upper-cased, or null) before its columns. */
  private static Object flat(Configuration configuration, ResultMap map, String prefix) {
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
        labels(map.getConstructorResultMappings(), prefix), labels(map.getPropertyResultMappings(), prefix),
        upperCase(labels(map.getPropertyResultMappings(), prefix)), List.copyOf(map.getIdResultMappings()),
        labels(map.getIdResultMappings(), prefix), upperCase(labels(map.getIdResultMappings(), prefix)));
  }

  /**
   * A map of plain column properties and of flat maps joined one level deep; {@link #NOT_FLAT} for any
   * other, for instance one built through a constructor or nesting itself.
   */
  private static Object joined(Configuration configuration, ResultMap map) {
    // Joined maps are read as nested ones: auto-mapped only when the map says so or the behaviour is FULL.
    boolean autoMapped = map.getAutoMapping() != null ? map.getAutoMapping()
        : configuration.getAutoMappingBehavior() == AutoMappingBehavior.FULL;
    if (autoMapped || map.getDiscriminator() != null || map.hasNestedQueries() || !map.getConstructorResultMappings().isEmpty()
        || configuration.isReturnInstanceForEmptyRow()
        || map.getType().isInterface() || !configuration.getReflectorFactory().findForClass(map.getType()).hasDefaultConstructor()
        || typeHandled(configuration, map.getType())) {
      return NOT_FLAT;
    }
    List<ResultMapping> properties = new ArrayList<>();
    List<Child> children = new ArrayList<>();
    for (ResultMapping mapping : map.getPropertyResultMappings()) {
      if (mapping.getProperty() == null || mapping.isCompositeResult() || mapping.getNestedQueryId() != null
          || mapping.getResultSet() != null) {
        return NOT_FLAT;
      }
      if (mapping.getNestedResultMapId() == null) {
        if (mapping.getColumn() == null || mapping.getTypeHandler() == null) {
          return NOT_FLAT;
        }
        properties.add(mapping);
        continue;
      }
      ResultMap child = configuration.getResultMap(mapping.getNestedResultMapId());
      // without a prefix, a map that is also its parent's would be linked to the parent (MyBatis's ancestors)
      if (mapping.getColumnPrefix() == null && child.getId().equals(map.getId())) {
        return NOT_FLAT;
      }
      String prefix = mapping.getColumnPrefix() == null || mapping.getColumnPrefix().isEmpty() ? null
          : mapping.getColumnPrefix().toUpperCase(Locale.ENGLISH);
      if (!(flat(configuration, child, prefix) instanceof Plan plan)) {
        return NOT_FLAT;
      }
      List<String> notNull = mapping.getNotNullColumns() == null ? List.of()
          : mapping.getNotNullColumns().stream().map(c -> prefix == null ? c : prefix + c).toList();
      children.add(new Child(mapping, prefix, plan, notNull));
    }
    return new Joined(map, properties, labels(properties, null), upperCase(labels(properties, null)),
        List.copyOf(map.getIdResultMappings()), labels(map.getIdResultMappings(), null),
        upperCase(labels(map.getIdResultMappings(), null)), children);
  }

  /** The mappings' columns as read: {@code prefix} before each (MyBatis's prependPrefix). */
  private static List<String> labels(List<ResultMapping> mappings, String prefix) {
    return mappings.stream().map(m -> prefix == null || m.getColumn() == null || m.getColumn().isEmpty()
        ? m.getColumn() : prefix + m.getColumn()).toList();
  }

  private static List<String> upperCase(List<String> columns) {
    return columns.stream().map(c -> c == null ? null : c.toUpperCase(Locale.ENGLISH)).toList();
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

  /**
   * A flat map: its columns as read ({@code argumentLabels}, {@code propertyLabels}, {@code idLabels}, with
   * any prefix) and its properties' and ids' upper-cased ({@code propertyColumns}, {@code idColumns}, to
   * look up in a result's columns).
   */
  record Plan(ResultMap map, List<ResultMapping> arguments, List<ResultMapping> properties, List<Class<?>> argumentTypes,
      List<String> argumentLabels, List<String> propertyLabels, List<String> propertyColumns, List<ResultMapping> ids,
      List<String> idLabels, List<String> idColumns) {

    /** One row's object, or null when none of its constructor's columns has a value (as MyBatis). */
    Object row(ResultSet rs, Configuration configuration, ObjectFactory objects, Set<String> present) throws SQLException {
      List<Object> values = new ArrayList<>(arguments.size());
      boolean found = false;
      for (int i = 0; i < arguments.size(); i++) {
        ResultMapping argument = arguments.get(i);
        Object value;
        try {
          value = argument.getTypeHandler().getResult(rs, argumentLabels.get(i));
        } catch (ResultMapException | SQLException e) {
          throw new ExecutorException("Could not process result for mapping: " + argument, e);
        }
        values.add(value);
        found |= value != null;
      }
      if (!found) {
        return null;
      }
      Object row = objects.create(map.getType(), argumentTypes, values);
      if (!properties.isEmpty()) {
        setProperties(rs, configuration, configuration.newMetaObject(row), properties, propertyLabels, propertyColumns, present);
      }
      return row;
    }
  }

  /** A joined map: its own column properties and {@code <id>}s, then its children. */
  record Joined(ResultMap map, List<ResultMapping> properties, List<String> propertyLabels, List<String> propertyColumns,
      List<ResultMapping> ids, List<String> idLabels, List<String> idColumns, List<Child> children) {
  }

  /** An association or collection of a flat map; {@code prefix} upper-cased or null; {@code notNull} prefixed. */
  record Child(ResultMapping mapping, String prefix, Plan plan, List<String> notNull) {
  }

  /**
   * Sets each property whose column is in the result, when its value is not null or the configuration
   * calls setters on nulls (not for a primitive); whether any value was found.
   */
  private static boolean setProperties(ResultSet rs, Configuration configuration, MetaObject meta, List<ResultMapping> properties,
      List<String> labels, List<String> columns, Set<String> present) throws SQLException {
    boolean found = false;
    for (int i = 0; i < properties.size(); i++) {
      if (present.contains(columns.get(i))) {
        ResultMapping property = properties.get(i);
        Object value = property.getTypeHandler().getResult(rs, labels.get(i));
        found |= value != null;
        if (value != null || configuration.isCallSettersOnNulls() && !meta.getSetterType(property.getProperty()).isPrimitive()) {
          meta.setValue(property.getProperty(), value);
        }
      }
    }
    return found;
  }

  /** One statement's results: MyBatis's handler for all but its rows. */
  abstract static class Handler implements ResultSetHandler {

    private final ResultSetHandler stock;
    private final MappedStatement ms;

    Handler(ResultSetHandler stock, MappedStatement ms) {
      this.stock = stock;
      this.ms = ms;
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
        read(rs, configuration, objects, rows);
      } finally {
        try {
          rs.close();
        } catch (SQLException ignored) {
          // as MyBatis: a failed close does not fail the read
        }
      }
      return rows;
    }

    /** Adds the result's objects to {@code rows}. */
    abstract <E> void read(ResultSet rs, Configuration configuration, ObjectFactory objects, List<E> rows) throws SQLException;

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

    /**
     * The result's column labels (names without useColumnLabel), upper-cased as MyBatis compares them;
     * kept per list of columns, which a statement's results repeat (upper-casing and hashing them was
     * 3 % of a load of a user with posts: docs/benchmarks.md).
     */
    static Set<String> columnsPresent(ResultSet rs, Configuration configuration) throws SQLException {
      ResultSetMetaData meta = rs.getMetaData();
      String[] columns = new String[meta.getColumnCount()];
      for (int i = 0; i < columns.length; i++) {
        columns[i] = configuration.isUseColumnLabel() ? meta.getColumnLabel(i + 1) : meta.getColumnName(i + 1);
      }
      List<String> key = Arrays.asList(columns);
      Set<String> present = PRESENT.get(key);
      if (present == null) {
        Set<String> upper = new HashSet<>();
        for (String column : columns) {
          upper.add(column.toUpperCase(Locale.ENGLISH));
        }
        present = Collections.unmodifiableSet(upper);
        if (PRESENT.size() < COLUMN_LISTS_KEPT) {
          PRESENT.putIfAbsent(key, present);
        }
      }
      return present;
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

  /** A flat map's rows: one object (or null) per row. */
  static final class FlatHandler extends Handler {

    private final Plan plan;

    FlatHandler(ResultSetHandler stock, MappedStatement ms, Plan plan) {
      super(stock, ms);
      this.plan = plan;
    }

    @Override
    @SuppressWarnings("unchecked")
    <E> void read(ResultSet rs, Configuration configuration, ObjectFactory objects, List<E> rows) throws SQLException {
      Set<String> present = plan.properties().isEmpty() ? Set.of() : columnsPresent(rs, configuration);
      while (!rs.isClosed() && rs.next()) {
        rows.add((E) plan.row(rs, configuration, objects, present));
      }
    }
  }

  /**
   * A joined map's rows, as DefaultResultSetHandler's handleRowValuesForNestedResultMap reads them (not
   * result-ordered): a row whose key was seen adds only its children to the object already read.
   */
  static final class JoinedHandler extends Handler {

    private final Joined joined;

    JoinedHandler(ResultSetHandler stock, MappedStatement ms, Joined joined) {
      super(stock, ms);
      this.joined = joined;
    }

    /** A loop, not a stream: this runs for every result set. */
    private static boolean anyStartsWith(Set<String> columns, String prefix) {
      for (String column : columns) {
        if (column.startsWith(prefix)) {
          return true;
        }
      }
      return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    <E> void read(ResultSet rs, Configuration configuration, ObjectFactory objects, List<E> rows) throws SQLException {
      Set<String> present = columnsPresent(rs, configuration);
      // A prefixed child is read only when the result has a column with its prefix (MyBatis's anyNotNullColumnHasValue).
      boolean[] prefixPresent = new boolean[joined.children().size()];
      for (int i = 0; i < prefixPresent.length; i++) {
        String prefix = joined.children().get(i).prefix();
        prefixPresent[i] = prefix == null || anyStartsWith(present, prefix);
      }
      // Every object read, by its key (a child's combined with its parent's); null keys are never kept.
      Map<CacheKey, Object> read = new HashMap<>();
      while (!rs.isClosed() && rs.next()) {
        CacheKey key = rowKey(rs, joined.map(), joined.ids(), joined.idLabels(), joined.idColumns(), present);
        Object known = key == null ? null : read.get(key);
        if (known != null) {
          addChildren(rs, configuration, objects, configuration.newMetaObject(known), key, present, prefixPresent, read);
          continue;
        }
        Object row = objects.create(joined.map().getType());
        MetaObject meta = configuration.newMetaObject(row);
        boolean found = setProperties(rs, configuration, meta, joined.properties(), joined.propertyLabels(),
            joined.propertyColumns(), present);
        found |= addChildren(rs, configuration, objects, meta, key, present, prefixPresent, read);
        row = found ? row : null;
        if (key != null) {
          read.put(key, row);
        }
        rows.add((E) row);
      }
    }

    /** As MyBatis's applyNestedResultMappings for children of flat maps: whether a child was added. */
    private boolean addChildren(ResultSet rs, Configuration configuration, ObjectFactory objects, MetaObject parent,
        CacheKey parentKey, Set<String> present, boolean[] prefixPresent, Map<CacheKey, Object> read) {
      boolean found = false;
      for (int i = 0; i < joined.children().size(); i++) {
        Child child = joined.children().get(i);
        try {
          Plan plan = child.plan();
          CacheKey key = rowKey(rs, plan.map(), plan.ids(), plan.idLabels(), plan.idColumns(), present);
          CacheKey combined = key == null || parentKey == null ? null : combine(key, parentKey);
          Object value = combined == null ? null : read.get(combined);
          boolean known = value != null;
          collection(child.mapping(), parent, objects);
          if (anyNotNullColumnHasValue(rs, child, prefixPresent[i])) {
            if (value == null) {
              value = plan.row(rs, configuration, objects, present);
              if (combined != null) {
                read.put(combined, value);
              }
            }
            if (value != null && !known) {
              Object collection = collection(child.mapping(), parent, objects);
              if (collection != null) {
                configuration.newMetaObject(collection).add(value);
              } else {
                parent.setValue(child.mapping().getProperty(), value);
              }
              found = true;
            }
          }
        } catch (SQLException e) {
          throw new ExecutorException("Error getting nested result map values for '" + child.mapping().getProperty()
              + "'.  Cause: " + e, e);
        }
      }
      return found;
    }

    /**
     * MyBatis's row key: the map's id and each present column of its {@code <id>}s (without any, of all its
     * column mappings: ResultMap's id mappings) with its value; null without any value.
     */
    private static CacheKey rowKey(ResultSet rs, ResultMap map, List<ResultMapping> ids, List<String> labels,
        List<String> columns, Set<String> present) throws SQLException {
      CacheKey key = new CacheKey();
      key.update(map.getId());
      for (int i = 0; i < ids.size(); i++) {
        String label = labels.get(i);
        if (ids.get(i).isSimple() && label != null && present.contains(columns.get(i))) {
          Object value = ids.get(i).getTypeHandler().getResult(rs, label);
          if (value != null) {
            key.update(label);
            key.update(value);
          }
        }
      }
      return key.getUpdateCount() < 2 ? null : key;
    }

    private static CacheKey combine(CacheKey key, CacheKey parentKey) {
      try {
        CacheKey combined = key.clone();
        combined.update(parentKey);
        return combined;
      } catch (CloneNotSupportedException e) {
        throw new ExecutorException("Error cloning cache key.  Cause: " + e, e);
      }
    }

    private static boolean anyNotNullColumnHasValue(ResultSet rs, Child child, boolean prefixPresent) throws SQLException {
      if (!child.notNull().isEmpty()) {
        for (String column : child.notNull()) {
          rs.getObject(column);
          if (!rs.wasNull()) {
            return true;
          }
        }
        return false;
      }
      return prefixPresent;
    }

    /**
     * As MyBatis's instantiateCollectionPropertyIfAppropriate: the property's collection, created (and
     * set) when it is null and its type a collection; null for a property that holds no collection.
     */
    private static Object collection(ResultMapping mapping, MetaObject parent, ObjectFactory objects) {
      String property = mapping.getProperty();
      Object value = parent.getValue(property);
      if (value == null) {
        Class<?> type = mapping.getJavaType() != null ? mapping.getJavaType() : parent.getSetterType(property);
        try {
          if (objects.isCollection(type)) {
            value = objects.create(type);
            parent.setValue(property, value);
            return value;
          }
        } catch (Exception e) {
          throw new ExecutorException("Error instantiating collection property for result '" + property + "'.  Cause: " + e, e);
        }
        return null;
      }
      return objects.isCollection(value.getClass()) ? value : null;
    }
  }
}
