package dev.inkwell.users.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether this database can tell an upsert's insert from its update. PostgreSQL can (a freshly
 * inserted row version has {@code xmax = 0}); DB9 and other wire-compatible engines may not have the
 * system column, or may fill it differently. So the first upsert asks the database once, on a
 * connection of its own inside a transaction that is rolled back: upsert a new key into a temporary
 * table, then the same key again, and expect "inserted" then "updated". Anything else, an error
 * included, means the flag is reported as unknown (null) rather than guessed.
 */
@Component
public class UpsertCreatedFlag {

  private static final Logger log = LoggerFactory.getLogger(UpsertCreatedFlag.class);

  private final DataSource dataSource;
  private volatile Boolean supported;

  public UpsertCreatedFlag(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public boolean supported() {
    Boolean known = supported;
    if (known == null) {
      synchronized (this) {
        if (supported == null) {
          supported = probe();
          if (!supported) {
            log.warn("This database does not report whether an upsert inserted or updated; "
                + "upsert results carry created = null");
          }
        }
        known = supported;
      }
    }
    return known;
  }

  private boolean probe() {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TEMPORARY TABLE inkwell_upsert_probe (k int PRIMARY KEY, v int) ON COMMIT DROP");
        String upsert = "INSERT INTO inkwell_upsert_probe AS p (k, v) VALUES (1, 1) "
            + "ON CONFLICT (k) DO UPDATE SET v = p.v + 1 RETURNING (p.xmax = 0)";
        return first(s, upsert) == Boolean.TRUE && first(s, upsert) == Boolean.FALSE;
      } finally {
        c.rollback();
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      log.debug("upsert created-flag probe failed", e);
      return false;
    }
  }

  private static Boolean first(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getBoolean(1) : null;
    }
  }
}
