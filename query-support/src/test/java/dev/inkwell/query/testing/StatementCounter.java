package dev.inkwell.query.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;

/**
 * Records the SQL of every statement MyBatis prepares: how many round trips an operation costs, and
 * what it really selected. Declare it as a bean in a test; MyBatis's auto-configuration installs
 * every Interceptor bean.
 */
@Intercepts(@Signature(type = StatementHandler.class, method = "prepare", args = {java.sql.Connection.class, Integer.class}))
public class StatementCounter implements Interceptor {

  private final List<String> statements = new CopyOnWriteArrayList<>();
  private final List<String> plans = new CopyOnWriteArrayList<>();
  private volatile boolean recording = true;
  private volatile boolean explaining;

  @Override
  public Object intercept(Invocation invocation) throws Throwable {
    StatementHandler handler = (StatementHandler) invocation.getTarget();
    String sql = handler.getBoundSql().getSql();
    if (recording) {
      statements.add(sql.replaceAll("\\s+", " ").trim());
    }
    if (explaining && sql.strip().toUpperCase(java.util.Locale.ROOT).startsWith("SELECT")) {
      // The same statement with the same bound values, on the same connection, run by EXPLAIN ANALYZE.
      try (java.sql.PreparedStatement explain = ((java.sql.Connection) invocation.getArgs()[0])
          .prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)) {
        handler.getParameterHandler().setParameters(explain);
        try (java.sql.ResultSet plan = explain.executeQuery()) {
          plan.next();
          plans.add(plan.getString(1));
        }
      }
    }
    return invocation.proceed();
  }

  /** On: every SELECT is also run with {@code EXPLAIN (ANALYZE, FORMAT JSON)}, its plan kept in {@link #plans}. */
  public void setExplaining(boolean on) {
    explaining = on;
  }

  /** The JSON plans of the SELECTs run while {@link #setExplaining explaining}, in order. */
  public List<String> plans() {
    return List.copyOf(plans);
  }

  /** Off: statements pass through untouched (a benchmark records only what it counts). */
  public void setRecording(boolean on) {
    recording = on;
  }

  public void reset() {
    statements.clear();
    plans.clear();
  }

  public int count() {
    return statements.size();
  }

  public List<String> statements() {
    return List.copyOf(statements);
  }

  public String last() {
    return statements.isEmpty() ? null : statements.get(statements.size() - 1);
  }
}
