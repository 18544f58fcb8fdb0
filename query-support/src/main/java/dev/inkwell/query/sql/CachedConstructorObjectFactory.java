package dev.inkwell.query.sql;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.ibatis.reflection.factory.DefaultObjectFactory;

/**
 * MyBatis's object factory, except that the constructor it finds for a result type and its argument
 * types is kept instead of looked up again for every row.
 *
 * <p>Every object a {@code <constructor>} result map builds (each user, post and tag row here) goes
 * through {@link DefaultObjectFactory}, which calls {@code Class.getDeclaredConstructor} for it: a
 * search, a copy of the constructor and a caller check: 87-537 ns per object against 46-81 through a
 * kept constructor (docs/benchmarks.md, the data report's rowObjects), 40-490 µs of a 1,000-row
 * {@code RETURNING}. The first call of each signature is MyBatis's own, with its interface
 * defaults ({@code List} builds an {@code ArrayList}), access rules and errors; a failing constructor
 * is handed to it again for its error. Installed by {@link MyBatisMappingAutoConfiguration}.
 */
public class CachedConstructorObjectFactory extends DefaultObjectFactory {

  private static final long serialVersionUID = 1L;
  private static final Object[] NO_ARGS = {};

  /** Per result type, its kept constructors (usually one), each with its argument types. */
  private final transient Map<Class<?>, Kept[]> constructors = new ConcurrentHashMap<>();

  @Override
  @SuppressWarnings("unchecked")
  public <T> T create(Class<T> type, List<Class<?>> argTypes, List<Object> args) {
    List<Class<?>> signature = argTypes == null || args == null ? List.of() : argTypes;
    if (type == List.class && signature.isEmpty()) {
      // What MyBatis builds for every statement's rows (its List default), without reflection:
      // 0.9 % of an upsert's CPU samples through a kept constructor (async-profiler, W6).
      return (T) new ArrayList<>();
    }
    Constructor<?> constructor = kept(type, signature);
    if (constructor == null) {
      T created = super.create(type, argTypes, args);
      keep(type, created.getClass(), signature);
      return created;
    }
    try {
      return (T) constructor.newInstance(signature.isEmpty() ? NO_ARGS : args.toArray());
    } catch (ReflectiveOperationException | RuntimeException e) {
      return super.create(type, argTypes, args); // MyBatis's ReflectionException, with its message
    }
  }

  private Constructor<?> kept(Class<?> type, List<Class<?>> argTypes) {
    Kept[] all = constructors.get(type);
    if (all != null) {
      for (Kept k : all) {
        if (k.matches(argTypes)) {
          return k.constructor;
        }
      }
    }
    return null;
  }

  private void keep(Class<?> type, Class<?> created, List<Class<?>> argTypes) {
    try {
      Constructor<?> constructor = created.getDeclaredConstructor(argTypes.toArray(new Class<?>[0]));
      constructor.trySetAccessible(); // MyBatis's call just succeeded, opened if it had to be
      Kept k = new Kept(argTypes.toArray(new Class<?>[0]), constructor);
      constructors.merge(type, new Kept[] {k}, (old, one) -> {
        if (Arrays.stream(old).anyMatch(o -> Arrays.equals(o.argTypes, k.argTypes))) {
          return old; // another thread kept it first
        }
        Kept[] more = Arrays.copyOf(old, old.length + 1);
        more[old.length] = k;
        return more;
      });
    } catch (NoSuchMethodException e) {
      // not a constructor of the class built (a subclass's): left to MyBatis on every call
    }
  }

  /** Kept constructors are not serializable: a deserialized factory starts without them. */
  private Object readResolve() {
    return new CachedConstructorObjectFactory();
  }

  private record Kept(Class<?>[] argTypes, Constructor<?> constructor) {

    /** By identity, element by element: this runs for every row. */
    boolean matches(List<Class<?>> types) {
      if (types.size() != argTypes.length) {
        return false;
      }
      for (int i = 0; i < argTypes.length; i++) {
        if (types.get(i) != argTypes[i]) {
          return false;
        }
      }
      return true;
    }
  }
}
