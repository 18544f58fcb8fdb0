package dev.inkwell.compat;

import static dev.inkwell.compat.Expect.equal;
import static dev.inkwell.compat.Expect.that;
import static dev.inkwell.compat.Expect.thrown;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.postgresql.jdbc.PgConnection;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import dev.inkwell.app.database.PoolerMode;
import dev.inkwell.app.database.PoolerProbe;
import dev.inkwell.app.transactions.TransactionConflicts;
import dev.inkwell.app.transactions.Unit;

/** The guide's connection section: authenticate(), the pool, and what pooled connections must keep. */
final class ConnectionChecks {

  static final String CATEGORY = "Connection and pooling";

  private ConnectionChecks() {
  }

  private static Check check(String name, Check.Body body) {
    return new Check(CATEGORY, name, false, body);
  }

  static List<Check> all() {
    return List.of(
        check("authenticate (SELECT 1 on a pooled connection)", ctx -> {
          equal(ctx.jdbc.queryForObject("SELECT 1", Integer.class), 1, "SELECT 1");
          return Outcome.pass();
        }),
        check("server reports its version", ctx -> {
          String version = ctx.jdbc.queryForObject("SHOW server_version", String.class);
          that(version != null && !version.isBlank(), "server_version is empty");
          return Outcome.pass();
        }),
        check("the run's schema is first on the search path", ctx -> {
          equal(ctx.jdbc.queryForObject("SELECT current_schema()", String.class), ctx.schema, "current_schema()");
          return Outcome.pass();
        }),
        check("pool maximum as configured (guide: max 5)", ctx -> {
          int max = ctx.dataSource.getMaximumPoolSize();
          return max == 5 ? Outcome.pass() : Outcome.note("pool maximum is " + max + ", the guide uses 5");
        }),
        check("5 queries in parallel on 5 pooled connections, 5 live backends", ctx -> {
          int n = 5;
          Set<Integer> pids = ConcurrentHashMap.newKeySet();
          CyclicBarrier holding = new CyclicBarrier(n + 1);
          CountDownLatch counted = new CountDownLatch(1);
          ExecutorService threads = Executors.newFixedThreadPool(n);
          List<Future<?>> queries = new ArrayList<>();
          int live;
          try {
            for (int i = 0; i < n; i++) {
              queries.add(threads.submit(() -> {
                try (Connection c = ctx.dataSource.getConnection()) {
                  c.setAutoCommit(false); // a transaction holds its server connection, through a pooler too
                  try {
                    pids.add(pid(c));
                    holding.await(10, TimeUnit.SECONDS); // all five hold a connection at once
                    counted.await(10, TimeUnit.SECONDS);
                  } finally {
                    c.rollback();
                    c.setAutoCommit(true);
                  }
                }
                return null;
              }));
            }
            holding.await(10, TimeUnit.SECONDS);
            try (HikariDataSource outside = single(ctx, 5_000)) {
              live = new JdbcTemplate(outside).queryForObject("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(?)",
                  Integer.class, (Object) pids.toArray(Integer[]::new));
            } finally {
              counted.countDown();
            }
            for (Future<?> query : queries) {
              query.get(10, TimeUnit.SECONDS);
            }
          } finally {
            threads.shutdownNow();
          }
          equal(pids.size(), n, "distinct backend pids of the parallel queries");
          equal(live, n, "those backends alive on the server while the queries held them");
          return Outcome.pass();
        }),
        check("an exhausted pool fails fast after its acquire timeout", ctx -> {
          try (HikariDataSource one = single(ctx, 400); Connection held = one.getConnection()) {
            long start = System.nanoTime();
            Throwable t = thrown(() -> one.getConnection().close(), "second borrow from a pool of one");
            long millis = (System.nanoTime() - start) / 1_000_000;
            that(t instanceof SQLTransientConnectionException, "expected a connection timeout, got " + t);
            that(millis < 5_000, "took " + millis + " ms");
            that(held.isValid(1), "the held connection still works");
          }
          return Outcome.pass();
        }),
        check("a returned connection is reused", ctx -> {
          int first;
          int second;
          try (HikariDataSource one = single(ctx, 2_000)) {
            try (Connection c = one.getConnection()) {
              first = pid(c);
            }
            try (Connection c = one.getConnection()) {
              second = pid(c);
            }
          }
          if (second != first && transactionPooling(ctx)) {
            return Outcome.note("a transaction pooler is in between: the same client connection reached another server "
                + "connection");
          }
          equal(second, first, "backend pid of the second borrow");
          return Outcome.pass();
        }),
        check("transaction pooling: seen, and Inkwell set for it", ctx -> {
          boolean pooled = PoolerProbe.sessionStateIsShared(ctx.dataSource);
          PoolerMode mode = PoolerMode.of(ctx.spring.getEnvironment());
          if (!pooled) {
            return Outcome.pass();
          }
          that(mode == PoolerMode.TRANSACTION, "session settings do not stay with their connection (a transaction pooler) "
              + "but inkwell.datasource.pooler is " + mode.name().toLowerCase() + ": set it to transaction");
          return Outcome.note("a transaction pooler is in between (session settings do not stay with their connection); "
              + "Inkwell runs with inkwell.datasource.pooler=transaction");
        }),
        check("server-side prepared statements: named on the server after prepareThreshold executions", ctx -> {
          try (Connection c = ctx.dataSource.getConnection();
              PreparedStatement ps = c.prepareStatement("SELECT ?::int * 2 AS compat_prepared")) {
            int threshold = c.unwrap(PgConnection.class).getPrepareThreshold();
            for (int i = 0; i < Math.max(threshold, 1) + 2; i++) {
              ps.setInt(1, i);
              try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                equal(rs.getInt(1), i * 2, "execution " + i);
              }
            }
            int named;
            try (PreparedStatement q = c.prepareStatement(
                "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%compat_prepared%' AND name <> ''");
                ResultSet rs = q.executeQuery()) {
              rs.next();
              named = rs.getInt(1);
            }
            that(threshold <= 0 || !transactionPooling(ctx), "named server-side statements (prepareThreshold=" + threshold
                + ") through a transaction pooler: another statement of that name may run; set prepareThreshold=0");
            if (threshold <= 0) {
              equal(named, 0, "named statements with prepareThreshold=" + threshold);
              return Outcome.note("named server-side statements are off (prepareThreshold=" + threshold + ")");
            }
            equal(named, 1, "named server-side statements after " + (threshold + 2) + " executions");
          }
          return Outcome.pass();
        }),
        check("a statement timeout cancels a long query (57014)", ctx -> {
          Throwable t = thrown(() -> ctx.uow.run(Unit.readWrite(), () -> {
            ctx.jdbc.queryForObject("SELECT set_config('statement_timeout', '100', true)", String.class);
            return ctx.jdbc.queryForObject("SELECT pg_sleep(2)::text", String.class);
          }), "pg_sleep(2) under a 100 ms timeout");
          equal(TransactionConflicts.sqlState(t), "57014", "SQLSTATE");
          return Outcome.pass();
        }),
        check("max_connections is readable", ctx -> {
          int max = Integer.parseInt(ctx.jdbc.queryForObject("SHOW max_connections", String.class));
          that(max >= ctx.dataSource.getMaximumPoolSize(), "max_connections " + max + " is below the pool size");
          return Outcome.pass();
        }),
        check("TLS when the URL asks for it", ctx -> {
          Properties url = org.postgresql.Driver.parseURL(ctx.dataSource.getJdbcUrl(), null);
          String mode = url == null ? null : url.getProperty("sslmode");
          boolean asked = (mode != null && List.of("require", "verify-ca", "verify-full").contains(mode))
              || (url != null && "true".equalsIgnoreCase(url.getProperty("ssl")) && mode == null);
          Boolean ssl;
          try {
            ssl = ctx.jdbc.queryForObject("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", Boolean.class);
          } catch (RuntimeException e) {
            that(!asked, "the URL asks for TLS (sslmode=" + mode + ") and pg_stat_ssl cannot confirm it: " + e.getMessage());
            return Outcome.skip("pg_stat_ssl is not available: " + e.getMessage());
          }
          if (Boolean.TRUE.equals(ssl)) {
            return Outcome.pass();
          }
          that(!asked, "the URL asks for TLS (sslmode=" + mode + ") but the connection is not encrypted");
          return Outcome.note("the connection is not encrypted: the URL does not ask for TLS (sslmode="
              + (mode == null ? "unset" : mode) + ")");
        }),
        check("a killed backend is replaced by the pool", ctx -> {
          try (HikariDataSource one = single(ctx, 5_000)) {
            int killed;
            Connection c = one.getConnection();
            try {
              c.setAutoCommit(false); // holds its server connection while another session kills it (pooler too)
              killed = pid(c);
              Boolean terminated;
              try {
                terminated = ctx.jdbc.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, killed);
              } catch (RuntimeException e) {
                return Outcome.skip("cannot terminate a backend here: " + e.getMessage());
              }
              that(Boolean.TRUE.equals(terminated), "pg_terminate_backend returned false");
            } finally {
              try {
                c.close(); // the pool finds it broken and evicts it
              } catch (Exception broken) {
                // expected: its backend is gone
              }
            }
            Integer after = null;
            for (int attempt = 0; attempt < 3 && after == null; attempt++) {
              try (Connection fresh = one.getConnection()) {
                after = pid(fresh);
              } catch (Exception e) {
                // the pool may hand out the dead connection once before evicting it
              }
            }
            that(after != null && after != killed, "no fresh connection after the backend was killed");
          }
          return Outcome.pass();
        }));
  }

  static boolean transactionPooling(CompatContext ctx) {
    return ctx.spring.getBean(PoolerProbe.class).transactionPooling();
  }

  private static int pid(Connection c) throws Exception {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_backend_pid()"); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** A pool of one connection with the service's settings (same URL, user, search path). */
  static HikariDataSource single(CompatContext ctx, long timeoutMillis) {
    HikariDataSource one = new HikariDataSource();
    one.setJdbcUrl(ctx.dataSource.getJdbcUrl());
    one.setUsername(ctx.dataSource.getUsername());
    one.setPassword(ctx.dataSource.getPassword());
    one.setCredentialsProvider(ctx.dataSource.getCredentialsProvider());
    one.setConnectionInitSql(ctx.dataSource.getConnectionInitSql());
    one.setMaximumPoolSize(1);
    one.setConnectionTimeout(Math.max(250, timeoutMillis));
    one.setPoolName("inkwell-compat-single");
    return one;
  }
}
