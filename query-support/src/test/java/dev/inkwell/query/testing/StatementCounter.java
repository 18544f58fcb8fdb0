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
  private volatile boolean recording = true;

  @Override
  public Object intercept(Invocation invocation) throws Throwable {
    if (recording) {
      statements.add(((StatementHandler) invocation.getTarget()).getBoundSql().getSql().replaceAll("\\s+", " ").trim());
    }
    return invocation.proceed();
  }

  /** Off: statements pass through untouched (a benchmark records only what it counts). */
  public void setRecording(boolean on) {
    recording = on;
  }

  public void reset() {
    statements.clear();
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
