package dev.inkwell.app.observability;

import java.lang.reflect.Array;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.reflection.MetaObject;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.inkwell.query.sql.ForwardingExecutor;

/**
 * Every mapper statement, timed: a Micrometer timer {@code inkwell.mapper.statement} tagged with the
 * statement id, and, when asked, a log line with the statement id, its bound parameters (values of
 * parameters named like secrets masked) and the elapsed time: every statement with
 * {@code inkwell.sql.log=true}, or only those slower than {@code inkwell.sql.slow-threshold}.
 */
@Intercepts({
    @Signature(type = Executor.class, method = "update", args = {MappedStatement.class, Object.class}),
    @Signature(type = Executor.class, method = "query",
        args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}),
    @Signature(type = Executor.class, method = "query",
        args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class, CacheKey.class, BoundSql.class})})
public class StatementObserver implements Interceptor {

  static final Logger log = LoggerFactory.getLogger("dev.inkwell.sql");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
  private static final Pattern SECRET = Pattern.compile("(?i).*(password|passwd|secret|token|api_?key|credential).*");

  private final MeterRegistry registry;
  private final boolean logAll;
  private final Duration slowThreshold;
  /** One timer per statement id, found again without building its id and tags on every call. */
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  public StatementObserver(MeterRegistry registry, boolean logAll, Duration slowThreshold) {
    this.registry = registry;
    this.logAll = logAll;
    this.slowThreshold = slowThreshold;
  }

  /**
   * Executors only, the type the signatures name, and through a plain decorator rather than
   * MyBatis's reflective proxy (see {@link ForwardingExecutor}).
   */
  @Override
  public Object plugin(Object target) {
    return target instanceof Executor executor ? new ObservedExecutor(executor) : target;
  }

  @Override
  public Object intercept(Invocation invocation) throws Throwable {
    Object[] args = invocation.getArgs();
    long start = System.nanoTime();
    try {
      return invocation.proceed();
    } finally {
      observed((MappedStatement) args[0], args[1], start);
    }
  }

  /** Records a statement that started at {@code start} (System.nanoTime) and logs it when asked to. */
  private void observed(MappedStatement ms, Object parameter, long start) {
    long nanos = System.nanoTime() - start;
    timer(ms.getId()).record(nanos, TimeUnit.NANOSECONDS);
    boolean slow = slowThreshold != null && nanos >= slowThreshold.toNanos();
    if (logAll || slow) {
      log.info("{}{} took {} ms; parameters {}", slow && !logAll ? "slow statement " : "", ms.getId(),
          String.format(Locale.ROOT, "%.2f", nanos / 1e6), parameters(ms, parameter));
    }
  }

  private Timer timer(String statement) {
    // get first: computeIfAbsent locks the bin of a key that is not its first node, on every call.
    Timer timer = timers.get(statement);
    return timer != null ? timer : timers.computeIfAbsent(statement, id -> Timer.builder("inkwell.mapper.statement")
        .description("MyBatis mapper statements").tag("statement", id).register(registry));
  }

  /**
   * The signatures above, observed. Each method times its call itself rather than handing
   * a shared method a lambda: capturing one per statement was 0.6 % of an upsert's CPU samples
   * (async-profiler, W6).
   */
  private final class ObservedExecutor extends ForwardingExecutor {

    ObservedExecutor(Executor delegate) {
      super(delegate);
    }

    @Override
    public int update(MappedStatement ms, Object parameter) throws SQLException {
      long start = System.nanoTime();
      try {
        return delegate.update(ms, parameter);
      } finally {
        observed(ms, parameter, start);
      }
    }

    @Override
    public <E> List<E> query(MappedStatement ms, Object parameter, RowBounds rowBounds, ResultHandler resultHandler)
        throws SQLException {
      long start = System.nanoTime();
      try {
        return delegate.query(ms, parameter, rowBounds, resultHandler);
      } finally {
        observed(ms, parameter, start);
      }
    }

    @Override
    public <E> List<E> query(MappedStatement ms, Object parameter, RowBounds rowBounds, ResultHandler resultHandler,
        CacheKey cacheKey, BoundSql boundSql) throws SQLException {
      long start = System.nanoTime();
      try {
        return delegate.query(ms, parameter, rowBounds, resultHandler, cacheKey, boundSql);
      } finally {
        observed(ms, parameter, start);
      }
    }
  }

  /** name=value for each bound parameter, in order; secrets masked, arrays and long text summarised. */
  static List<String> parameters(MappedStatement ms, Object parameter) {
    BoundSql bound = ms.getBoundSql(parameter);
    Configuration configuration = ms.getConfiguration();
    List<String> out = new ArrayList<>();
    for (ParameterMapping mapping : bound.getParameterMappings()) {
      String property = mapping.getProperty();
      Object value;
      if (bound.hasAdditionalParameter(property)) {
        value = bound.getAdditionalParameter(property);
      } else if (parameter == null) {
        value = null;
      } else if (configuration.getTypeHandlerRegistry().hasTypeHandler(parameter.getClass())) {
        value = parameter;
      } else {
        MetaObject meta = configuration.newMetaObject(parameter);
        value = meta.hasGetter(property) ? meta.getValue(property) : "?";
      }
      String name = property.substring(property.lastIndexOf('.') + 1);
      out.add(name + "=" + (SECRET.matcher(name).matches() ? "***" : show(value)));
    }
    return out;
  }

  private static String show(Object value) {
    if (value == null) {
      return "null";
    }
    if (value.getClass().isArray()) {
      return value.getClass().getComponentType().getSimpleName() + "[" + Array.getLength(value) + "]";
    }
    String text = String.valueOf(value);
    text = text.length() > 100 ? text.substring(0, 100) + "..." : text;
    // A value is a client's text: a line break in it would forge a log line of its own (CWE-117).
    return CONTROL.matcher(text).replaceAll(c -> String.format(Locale.ROOT, "\\\\u%04x", (int) c.group().charAt(0)));
  }
}
