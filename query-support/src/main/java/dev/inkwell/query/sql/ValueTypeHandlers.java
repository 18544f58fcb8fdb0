package dev.inkwell.query.sql;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.ObjectTypeHandler;
import org.apache.ibatis.type.TypeHandler;
import org.apache.ibatis.type.TypeHandlerRegistry;
import org.apache.ibatis.type.UnknownTypeHandler;

/**
 * What MyBatis's {@link UnknownTypeHandler} binds a non-null value with, looked up once per value class
 * and JDBC type rather than on every bind: the registry's handler for them, else an
 * {@link ObjectTypeHandler}. A {@code #{row.email}} whose parameter is a mapper method's
 * {@code @Param} map gets the unknown handler, so each such value was looked up in the registry on
 * every statement (1 % of an upsert's CPU samples, async-profiler, W6). A configuration registers its
 * handlers while it is built, before any statement binds.
 */
final class ValueTypeHandlers {

  private static final TypeHandler<?> OBJECT = new ObjectTypeHandler();
  /** One slot per JDBC type, and the last for none given. */
  private static final int SLOTS = JdbcType.values().length + 1;
  /** Value classes kept: a service binds a few dozen; past this, each is looked up as MyBatis does. */
  private static final int MAX_CLASSES = 1_000;

  private final TypeHandlerRegistry registry;
  private final Map<Class<?>, TypeHandler<?>[]> kept = new ConcurrentHashMap<>();

  ValueTypeHandlers(TypeHandlerRegistry registry) {
    this.registry = registry;
  }

  boolean serves(TypeHandlerRegistry other) {
    return registry == other;
  }

  /** The handler for a mapping's {@code handler}: its own, unless it is the unknown one and the value is not null. */
  @SuppressWarnings("unchecked")
  TypeHandler<Object> forValue(TypeHandler<?> handler, Object value, JdbcType jdbcType) {
    if (value == null || handler.getClass() != UnknownTypeHandler.class) {
      return (TypeHandler<Object>) handler;
    }
    Class<?> type = value.getClass();
    TypeHandler<?>[] byJdbcType = kept.get(type);
    if (byJdbcType == null) {
      if (kept.size() >= MAX_CLASSES) {
        return (TypeHandler<Object>) handler;
      }
      byJdbcType = kept.computeIfAbsent(type, t -> new TypeHandler<?>[SLOTS]);
    }
    int slot = jdbcType == null ? SLOTS - 1 : jdbcType.ordinal();
    TypeHandler<?> found = byJdbcType[slot];
    if (found == null) {
      // As UnknownTypeHandler.resolveTypeHandler; a race writes the same handler twice.
      found = registry.getTypeHandler(type, jdbcType);
      if (found == null || found instanceof UnknownTypeHandler) {
        found = OBJECT;
      }
      byJdbcType[slot] = found;
    }
    return (TypeHandler<Object>) found;
  }
}
