package dev.inkwell.compat;

import static dev.inkwell.compat.Expect.equal;
import static dev.inkwell.compat.Expect.that;
import static dev.inkwell.compat.Expect.thrown;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.springframework.transaction.annotation.Isolation;

import com.zaxxer.hikari.HikariDataSource;

import dev.inkwell.app.transactions.TransactionConflicts;
import dev.inkwell.app.transactions.Unit;
import dev.inkwell.app.transactions.UnitOfWork.Tx;
import dev.inkwell.posts.PostSearchService;
import dev.inkwell.posts.VectorTable;

/**
 * What DB9 documents as different from PostgreSQL, probed on the server at hand: advisory locks, the
 * cap on rows per DML statement, the statement and idle-in-transaction timeouts, SERIALIZABLE,
 * row-level security and DB9's {@code embedding()} function. A difference Inkwell copes with is a
 * note that says how; one it cannot cope with is a failure.
 */
final class LimitChecks {

  static final String CATEGORY = "Server limits";

  /** Statement sizes tried by the DML cap probe; the largest is twice DB9's default cap. */
  static final List<Integer> DML_SIZES = List.of(1_000, 5_000, 10_000, 10_001, 20_000);

  private LimitChecks() {
  }

  private static Check check(String name, Check.Body body) {
    return new Check(CATEGORY, name, false, body);
  }

  static List<Check> all() {
    return List.of(
        check("advisory locks: taken in one session, they exclude another", ctx -> {
          try (Connection a = ctx.dataSource.getConnection(); Connection b = ctx.dataSource.getConnection()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            try {
              String first = lock(a);
              if (first.startsWith("error")) {
                return Outcome.note("advisory locks are not available (" + first.substring(6)
                    + "): Flyway locks the schema history with a row instead");
              }
              equal(first, "true", "pg_try_advisory_xact_lock in the first session");
              equal(lock(b), "false", "the same lock from a second session (true: locks are node-local)");
              return Outcome.pass();
            } finally {
              a.rollback();
              b.rollback();
            }
          }
        }),
        check("DML cap: rows one INSERT may touch, against the chunk size", ctx -> {
          int largest = 0;
          String refusal = null;
          for (int size : DML_SIZES) {
            try (Tx t = ctx.uow.begin(Unit.readWrite())) { // never committed
              ctx.jdbc.update("INSERT INTO users (email, name) SELECT 'dml-cap-' || g || '@compat.test', 'Cap' "
                  + "FROM generate_series(1, ?) g", size);
              largest = size;
            } catch (RuntimeException e) {
              refusal = CompatRunner.message(e);
              break;
            }
          }
          int chunk = ctx.spring.getEnvironment().getProperty("inkwell.dml.max-rows-per-statement", Integer.class, 5000);
          if (refusal == null) {
            return Outcome.pass();
          }
          that(largest >= chunk, "statements of " + chunk + " rows (inkwell.dml.max-rows-per-statement) exceed the cap: "
              + "the largest that worked had " + largest + " rows; " + refusal);
          return Outcome.note("a DML statement of more than " + largest + " rows fails (" + refusal + "); Inkwell writes "
              + chunk + " rows per statement");
        }),
        check("statement_timeout in effect in the service's transactions, below 60 s", ctx -> {
          String configured = ctx.spring.getEnvironment().getProperty("inkwell.statement-timeout", "30s");
          long millis = ctx.uow.run(Unit.readOnlyUnit(), () -> ctx.jdbc.queryForObject(
              "SELECT setting::bigint * CASE unit WHEN 's' THEN 1000 WHEN 'min' THEN 60000 ELSE 1 END FROM pg_settings "
                  + "WHERE name = 'statement_timeout'", Long.class));
          that(millis > 0, "statement_timeout is 0 (none) on a pooled connection; Inkwell asked for " + configured);
          that(millis < 60_000, "statement_timeout is " + millis + " ms, not below DB9's 60 s");
          return Outcome.pass();
        }),
        check("idle_in_transaction_session_timeout ends an idle transaction", ctx -> {
          String serverDefault = ctx.jdbc.queryForObject("SELECT reset_val FROM pg_settings "
              + "WHERE name = 'idle_in_transaction_session_timeout'", String.class);
          try (HikariDataSource one = ConnectionChecks.single(ctx, 2_000); Connection c = one.getConnection()) {
            c.setAutoCommit(false); // the setting lives as long as this transaction: nothing for a pooler to leak
            try (Statement s = c.createStatement()) {
              try {
                s.execute("SELECT set_config('idle_in_transaction_session_timeout', '300ms', true)");
              } catch (SQLException e) {
                return Outcome.note("the timeout cannot be set per transaction (" + e.getMessage() + "); server default "
                    + serverDefault + " ms");
              }
              Thread.sleep(1_000);
              Throwable t = thrown(() -> s.execute("SELECT 1"), "a statement after 1 s idle in a transaction");
              String state = TransactionConflicts.sqlState(t);
              that(state == null || state.equals("25P03") || state.startsWith("08") || state.startsWith("57"),
                  "unexpected failure " + t);
            }
          }
          return "0".equals(serverDefault) ? Outcome.pass()
              : Outcome.note("the server ends transactions idle for " + serverDefault + " ms; Inkwell never leaves one idle");
        }),
        check("SERIALIZABLE: granted, downgraded or refused", ctx -> {
          String got = ctx.uow.run(Unit.readOnlyUnit().withIsolation(Isolation.SERIALIZABLE),
              () -> ctx.jdbc.queryForObject("SHOW transaction_isolation", String.class));
          String refused = ctx.isolation.refusals().get("serializable");
          if (refused != null) {
            equal(got, "repeatable read", "level used after the refusal");
            return Outcome.note("SERIALIZABLE is refused (" + refused + "): Inkwell runs such units as REPEATABLE READ");
          }
          if (got.equals("serializable")) {
            return Outcome.pass();
          }
          return Outcome.note("SERIALIZABLE requested, " + got.toUpperCase() + " granted: write skew is not prevented");
        }),
        check("row-level security", ctx -> {
          try (Tx t = ctx.uow.begin(Unit.readWrite())) { // never committed
            ctx.jdbc.update("INSERT INTO tags (name) VALUES ('rls-hidden'), ('rls-shown')");
            try {
              ctx.jdbc.execute("ALTER TABLE tags ENABLE ROW LEVEL SECURITY");
              ctx.jdbc.execute("ALTER TABLE tags FORCE ROW LEVEL SECURITY");
              ctx.jdbc.execute("CREATE POLICY inkwell_compat_visible ON tags USING (name <> 'rls-hidden')");
            } catch (RuntimeException e) {
              return Outcome.note("row-level security is not available (" + CompatRunner.message(e)
                  + "): Inkwell does not rely on it");
            }
            int seen = ctx.jdbc.queryForObject("SELECT count(*) FROM tags WHERE name LIKE 'rls-%'", Integer.class);
            boolean bypasses = ctx.jdbc.queryForObject(
                "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user", Boolean.class);
            if (bypasses) {
              equal(seen, 2, "rows a role that bypasses RLS sees");
              return Outcome.note("policies are accepted; this role bypasses them (superuser or BYPASSRLS)");
            }
            equal(seen, 1, "rows the policy lets through");
            return Outcome.pass();
          }
        }),
        check("DB9's embedding() function", ctx -> {
          if (!ctx.spring.getBean(PostSearchService.class).serverHasEmbeddingFunction()) {
            return Outcome.note("no embedding(text): post search embeds in the service (inkwell.search.embedder=in-process,"
                + " the default), and /api/embeddings callers send vectors they computed");
          }
          Integer dims = ctx.jdbc.queryForObject("SELECT vector_dims(embedding('inkwell compatibility'))", Integer.class);
          equal(dims, VectorTable.SERVER.dimension(), "dimensions of embedding() (post_vectors_server's, for"
              + " inkwell.search.embedder=database)");
          return Outcome.pass();
        }));
  }

  /** pg_try_advisory_xact_lock on {@code c}: "true", "false" or "error [SQLSTATE] message". */
  private static String lock(Connection c) {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_try_advisory_xact_lock(8211762)")) {
      rs.next();
      return String.valueOf(rs.getBoolean(1));
    } catch (SQLException e) {
      return "error [" + e.getSQLState() + "] " + e.getMessage();
    }
  }
}
