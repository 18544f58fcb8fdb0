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
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
import org.apache.ibatis.reflection.ExceptionUtil;
import org.apache.ibatis.reflection.MetaObject;
import org.apache.ibatis.reflection.ReflectionException;
import org.apache.ibatis.reflection.Reflector;
import org.apache.ibatis.reflection.invoker.Invoker;
import org.apache.ibatis.reflection.wrapper.DefaultObjectWrapperFactory;
import org.apache.ibatis.reflection.wrapper.ObjectWrapper;
import org.apache.ibatis.reflection.factory.ObjectFactory;
import org.apache.ibatis.session.AutoMappingBehavior;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.TypeHandler;
import org.apache.ibatis.type.TypeHandlerRegistry;
import org.apache.ibatis.type.UnknownTypeHandler;

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
 * as MyBatis groups them: by the keys MyBatis would give the rows (the map and the values of its
 * {@code <id>} columns, or without any of all column properties; {@link RowKey}), the parent's key
 * combined into each child's, a child read
 * once per parent, a collection created even when no row has a child, a child without any value left
 * out.
 *
 * <p>A map of a type with a type handler and no mappings ({@code resultType="long"}, {@code "string"})
 * is read as MyBatis reads it, each row its first column's value through the handler the registry
 * gives the type and that column's JDBC type ({@link ValueHandler}).
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
  private static final Map<List<String>, Columns> PRESENT = new ConcurrentHashMap<>();
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
        ResultMap map = ms.getResultMaps().get(0);
        // get first: computeIfAbsent locks the bin of a key that is not its first node, on every call.
        Object plan = plans.get(map);
        if (plan == null) {
          plan = plans.computeIfAbsent(map, m -> plan(ms.getConfiguration(), m));
        }
        if (plan instanceof Plan flat) {
          return new FlatHandler(stock, ms, flat);
        }
        if (plan instanceof Joined joined) {
          return new JoinedHandler(stock, ms, joined);
        }
        if (plan instanceof Value value) {
          return new ValueHandler(stock, ms, value);
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

  /**
   * How to read a map's rows ({@link Plan}, {@link Joined}, {@link Value}); {@link #NOT_FLAT} for any
   * map MyBatis must read itself.
   */
  static Object plan(Configuration configuration, ResultMap map) {
    if (map.getResultMappings().isEmpty() && map.getDiscriminator() == null
        && configuration.getTypeHandlerRegistry().hasTypeHandler(map.getType())) {
      return new Value(map.getType());
    }
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
    return new Plan(map, prefix == null ? map.getId() : map.getId() + '\0' + prefix,
        List.copyOf(map.getConstructorResultMappings()), List.copyOf(map.getPropertyResultMappings()),
        map.getConstructorResultMappings().stream().<Class<?>>map(ResultMapping::getJavaType).toList(),
        labels(map.getConstructorResultMappings(), prefix), labels(map.getPropertyResultMappings(), prefix),
        upperCase(labels(map.getPropertyResultMappings(), prefix)), List.copyOf(map.getIdResultMappings()),
        labels(map.getIdResultMappings(), prefix), upperCase(labels(map.getIdResultMappings(), prefix)),
        setters(configuration, map.getType(), map.getPropertyResultMappings()), new LastColumns());
  }

  /**
   * Each property's setter as MyBatis's {@code BeanWrapper} finds it (its reflector's set invoker), or
   * null where a {@link MetaObject} must set them: a map or collection type, a custom object wrapper
   * factory, a nested or indexed property name, a property without a setter.
   */
  private static List<Setter> setters(Configuration configuration, Class<?> type, List<ResultMapping> properties) {
    if (properties.isEmpty() || !(configuration.getObjectWrapperFactory() instanceof DefaultObjectWrapperFactory)
        || Map.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
      return null;
    }
    Reflector reflector = configuration.getReflectorFactory().findForClass(type);
    List<Setter> setters = new ArrayList<>();
    for (ResultMapping property : properties) {
      String name = property.getProperty();
      if (name.indexOf('.') >= 0 || name.indexOf('[') >= 0 || !reflector.hasSetter(name)) {
        return null;
      }
      setters.add(new Setter(name, reflector.getSetInvoker(name), reflector.getSetterType(name).isPrimitive()));
    }
    return List.copyOf(setters);
  }

  /** A bean property's setter, called as {@code BeanWrapper.set} calls it. */
  record Setter(String property, Invoker invoker, boolean primitive) {

    void set(Object row, Object value) {
      try {
        invoker.invoke(row, new Object[] {value});
      } catch (Throwable t) {
        // as BeanWrapper: the setter's own exception, out of the reflective call's wrapper
        Throwable cause = ExceptionUtil.unwrapThrowable(t);
        throw new ReflectionException("Could not set property '" + property + "' of '" + row.getClass() + "' with value '"
            + value + "' Cause: " + cause, cause);
      }
    }
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
        upperCase(labels(map.getIdResultMappings(), null)), children, new LastColumns());
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
   * A flat map: what its rows' keys start with ({@code key}: the map and any prefix, which MyBatis's keys
   * hold through the prefixed labels), its columns as read ({@code argumentLabels}, {@code propertyLabels},
   * {@code idLabels}, with any prefix) and its properties' and ids' upper-cased ({@code propertyColumns},
   * {@code idColumns}, to look up in a result's columns).
   */
  record Plan(ResultMap map, String key, List<ResultMapping> arguments, List<ResultMapping> properties, List<Class<?>> argumentTypes,
      List<String> argumentLabels, List<String> propertyLabels, List<String> propertyColumns, List<ResultMapping> ids,
      List<String> idLabels, List<String> idColumns, List<Setter> setters, LastColumns last) {

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
        // the setters directly, unless the object is one MetaObject would wrap otherwise
        boolean direct = setters != null && !(row instanceof Map<?, ?> || row instanceof Collection<?> || row instanceof ObjectWrapper);
        setProperties(rs, configuration, row, direct ? null : configuration.newMetaObject(row), direct ? setters : null,
            properties, propertyLabels, propertyColumns, present);
      }
      return row;
    }
  }

  /** A joined map: its own column properties and {@code <id>}s, then its children. */
  record Joined(ResultMap map, List<ResultMapping> properties, List<String> propertyLabels, List<String> propertyColumns,
      List<ResultMapping> ids, List<String> idLabels, List<String> idColumns, List<Child> children, LastColumns last) {
  }

  /** An association or collection of a flat map; {@code prefix} upper-cased or null; {@code notNull} prefixed. */
  record Child(ResultMapping mapping, String prefix, Plan plan, List<String> notNull) {
  }

  /**
   * Sets each property whose column is in the result, when its value is not null or the configuration
   * calls setters on nulls (not for a primitive): through {@code setters} where given, else through
   * {@code meta}; whether any value was found.
   */
  private static boolean setProperties(ResultSet rs, Configuration configuration, Object row, MetaObject meta,
      List<Setter> setters, List<ResultMapping> properties, List<String> labels, List<String> columns, Set<String> present)
      throws SQLException {
    boolean found = false;
    for (int i = 0; i < properties.size(); i++) {
      if (present.contains(columns.get(i))) {
        ResultMapping property = properties.get(i);
        Object value = property.getTypeHandler().getResult(rs, labels.get(i));
        found |= value != null;
        if (setters != null) {
          if (value != null || configuration.isCallSettersOnNulls() && !setters.get(i).primitive()) {
            setters.get(i).set(row, value);
          }
        } else if (value != null || configuration.isCallSettersOnNulls() && !meta.getSetterType(property.getProperty()).isPrimitive()) {
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
      if (!reads(rs, configuration)) {
        return stock.handleResultSets(stmt);
      }
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

    /** Whether this handler reads this result; otherwise MyBatis's handler reads the statement's results. */
    boolean reads(ResultSet rs, Configuration configuration) throws SQLException {
      return true;
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
    static Columns columnsPresent(ResultSet rs, Configuration configuration, LastColumns last) throws SQLException {
      ResultSetMetaData meta = rs.getMetaData();
      String[] columns = new String[meta.getColumnCount()];
      for (int i = 0; i < columns.length; i++) {
        columns[i] = configuration.isUseColumnLabel() ? meta.getColumnLabel(i + 1) : meta.getColumnName(i + 1);
      }
      LastColumns.Seen seen = last.seen;
      if (seen != null && Arrays.equals(seen.labels(), columns)) {
        return seen.columns();
      }
      List<String> key = Arrays.asList(columns);
      Columns present = PRESENT.get(key);
      if (present == null) {
        Set<String> upper = new HashSet<>();
        for (String column : columns) {
          upper.add(column.toUpperCase(Locale.ENGLISH));
        }
        present = new Columns(Collections.unmodifiableSet(upper), new ConcurrentHashMap<>());
        if (PRESENT.size() < COLUMN_LISTS_KEPT) {
          PRESENT.putIfAbsent(key, present);
        }
      }
      last.seen = new LastColumns.Seen(columns, present);
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

  /**
   * A result's column labels upper-cased, and for each prefix asked about whether a label starts with it
   * (kept with the labels: a joined map asks for each of its children on every result set).
   */
  record Columns(Set<String> upper, Map<String, Boolean> prefixes) {

    boolean anyStartsWith(String prefix) {
      Boolean found = prefixes.get(prefix);
      if (found == null) {
        found = upper.stream().anyMatch(column -> column.startsWith(prefix));
        prefixes.put(prefix, found);
      }
      return found;
    }
  }

  /**
   * The columns of the last result a map was read from, compared first: a statement's results repeat
   * them, and comparing the labels (the driver's own strings, mostly) costs less than hashing them.
   */
  static final class LastColumns {

    record Seen(String[] labels, Columns columns) {
    }

    private volatile Seen seen;
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
      Set<String> present = plan.properties().isEmpty() ? Set.of() : columnsPresent(rs, configuration, plan.last()).upper();
      while (!rs.isClosed() && rs.next()) {
        rows.add((E) plan.row(rs, configuration, objects, present));
      }
    }
  }

  /** A map of a type with a type handler and no mappings (a {@code resultType="long"}): {@link ValueHandler}. */
  record Value(Class<?> type) {
  }

  /**
   * Each row the value of its first column, as DefaultResultSetHandler's createPrimitiveResultObject
   * reads it: through the handler MyBatis's registry gives the type and the column's JDBC type, by
   * the column's label. MyBatis first asks the driver for the label, SQL type and Java class name
   * of every column: a page's count ({@code _COUNT}, one row of one column) spent 1,506 of a W5
   * page's 26,954 service samples in MyBatis's handler (async-profiler). Where MyBatis would map the
   * row otherwise (no handler for the type and the column's JDBC type) its handler reads the result.
   */
  static final class ValueHandler extends Handler {

    private final Class<?> type;
    private TypeHandler<?> handler;
    private String column;

    ValueHandler(ResultSetHandler stock, MappedStatement ms, Value value) {
      super(stock, ms);
      this.type = value.type();
    }

    @Override
    boolean reads(ResultSet rs, Configuration configuration) throws SQLException {
      ResultSetMetaData meta = rs.getMetaData();
      JdbcType jdbcType = JdbcType.forCode(meta.getColumnType(1));
      TypeHandlerRegistry registry = configuration.getTypeHandlerRegistry();
      // As hasTypeHandlerForResultObject, then ResultSetWrapper.getTypeHandler's first look-up.
      boolean primitive = meta.getColumnCount() == 1 ? registry.hasTypeHandler(type, jdbcType) : registry.hasTypeHandler(type);
      handler = primitive ? registry.getTypeHandler(type, jdbcType) : null;
      if (handler == null || handler instanceof UnknownTypeHandler) {
        return false;
      }
      column = configuration.isUseColumnLabel() ? meta.getColumnLabel(1) : meta.getColumnName(1);
      return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    <E> void read(ResultSet rs, Configuration configuration, ObjectFactory objects, List<E> rows) throws SQLException {
      while (!rs.isClosed() && rs.next()) {
        rows.add((E) handler.getResult(rs, column));
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

    @Override
    @SuppressWarnings("unchecked")
    <E> void read(ResultSet rs, Configuration configuration, ObjectFactory objects, List<E> rows) throws SQLException {
      Columns columns = columnsPresent(rs, configuration, joined.last());
      Set<String> present = columns.upper();
      // A prefixed child is read only when the result has a column with its prefix (MyBatis's anyNotNullColumnHasValue).
      boolean[] prefixPresent = new boolean[joined.children().size()];
      for (int i = 0; i < prefixPresent.length; i++) {
        String prefix = joined.children().get(i).prefix();
        prefixPresent[i] = prefix == null || columns.anyStartsWith(prefix);
      }
      // Every object read, by its key (a child's combined with its parent's); null keys are never kept.
      // A parent is kept as its MetaObject, which each of its further rows adds children through.
      Map<RowKey, MetaObject> parents = new HashMap<>();
      Map<RowKey, Object> children = new HashMap<>();
      while (!rs.isClosed() && rs.next()) {
        RowKey key = RowKey.of(rs, joined.map().getId(), joined.ids(), joined.idLabels(), joined.idColumns(), present, null);
        MetaObject known = key == null ? null : parents.get(key);
        if (known != null) {
          addChildren(rs, configuration, objects, known, key, present, prefixPresent, children);
          continue;
        }
        Object row = objects.create(joined.map().getType());
        MetaObject meta = configuration.newMetaObject(row);
        boolean found = setProperties(rs, configuration, row, meta, null, joined.properties(), joined.propertyLabels(),
            joined.propertyColumns(), present);
        found |= addChildren(rs, configuration, objects, meta, key, present, prefixPresent, children);
        if (key != null) {
          parents.put(key, found ? meta : null);
        }
        rows.add((E) (found ? row : null));
      }
    }

    /** As MyBatis's applyNestedResultMappings for children of flat maps: whether a child was added. */
    @SuppressWarnings("unchecked")
    private boolean addChildren(ResultSet rs, Configuration configuration, ObjectFactory objects, MetaObject parent,
        RowKey parentKey, Set<String> present, boolean[] prefixPresent, Map<RowKey, Object> read) {
      boolean found = false;
      for (int i = 0; i < joined.children().size(); i++) {
        Child child = joined.children().get(i);
        try {
          Plan plan = child.plan();
          RowKey key = parentKey == null ? null
              : RowKey.of(rs, plan.key(), plan.ids(), plan.idLabels(), plan.idColumns(), present, parentKey);
          Object value = key == null ? null : read.get(key);
          boolean known = value != null;
          // created even when this row has no child, as MyBatis does
          Object collection = collection(child.mapping(), parent, objects);
          if (anyNotNullColumnHasValue(rs, child, prefixPresent[i])) {
            if (value == null) {
              value = plan.row(rs, configuration, objects, present);
              if (key != null) {
                read.put(key, value);
              }
            }
            if (value != null && !known) {
              if (collection instanceof Collection<?> values) {
                ((Collection<Object>) values).add(value);
              } else if (collection != null) {
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

  /**
   * The key MyBatis's CacheKey gives a row of a map, compared as MyBatis compares it, without building
   * one (a CacheKey and its clone for each child of each row were 3 % of a load of a user with posts:
   * docs/benchmarks.md). {@code map} stands for the map's id and its prefix (MyBatis's keys hold the
   * prefixed labels); a value is null where MyBatis adds no label and value (an id absent or null), so
   * keys of one map and one result compare as MyBatis's do; {@code parent} is the key combined in.
   */
  static final class RowKey {

    private final String map;
    private final Object[] values;
    private final RowKey parent;
    private final int hash;

    private RowKey(String map, Object[] values, RowKey parent) {
      this.map = map;
      this.values = values;
      this.parent = parent;
      this.hash = (map.hashCode() * 31 + Arrays.deepHashCode(values)) * 31 + Objects.hashCode(parent);
    }

    /** The row's key: its present {@code <id>}s' values (without any, of all its column mappings); null without any value. */
    static RowKey of(ResultSet rs, String map, List<ResultMapping> ids, List<String> labels, List<String> columns,
        Set<String> present, RowKey parent) throws SQLException {
      Object[] values = new Object[ids.size()];
      boolean any = false;
      for (int i = 0; i < values.length; i++) {
        String label = labels.get(i);
        if (ids.get(i).isSimple() && label != null && present.contains(columns.get(i))) {
          values[i] = ids.get(i).getTypeHandler().getResult(rs, label);
          any |= values[i] != null;
        }
      }
      return any ? new RowKey(map, values, parent) : null;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RowKey other && hash == other.hash && map.equals(other.map)
          && Arrays.deepEquals(values, other.values) && Objects.equals(parent, other.parent);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
