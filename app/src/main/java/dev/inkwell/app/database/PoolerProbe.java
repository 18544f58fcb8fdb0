package dev.inkwell.app.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the connections behave like a transaction-pooling proxy's: a session setting made on one
 * pooled connection is lost on it or shows up on another. PgBouncer's own {@code SHOW} commands are
 * not reachable from SQL, so this is observed, three times over two connections, at start-up.
 * Disagreement with {@code inkwell.datasource.pooler} is a warning that says what to set.
 */
public final class PoolerProbe {

  private static final Logger log = LoggerFactory.getLogger(PoolerProbe.class);

  private final boolean transactionPooling;

  private PoolerProbe(boolean transactionPooling) {
    this.transactionPooling = transactionPooling;
  }

  public static PoolerProbe run(DataSource dataSource, PoolerMode configured) {
    boolean observed;
    try {
      observed = sessionStateIsShared(dataSource);
    } catch (SQLException | RuntimeException e) {
      log.warn("could not tell whether a transaction-pooling proxy is in between: {}", e.getMessage());
      return new PoolerProbe(configured == PoolerMode.TRANSACTION);
    }
    if (observed && configured == PoolerMode.NONE) {
      log.warn("Session settings do not stay with their connection: a transaction-pooling proxy (PgBouncer "
          + "pool_mode=transaction or alike) is in between. Set inkwell.datasource.pooler=transaction, or queries "
          + "may fail or return another statement's rows");
    } else if (!observed && configured == PoolerMode.TRANSACTION) {
      log.info("inkwell.datasource.pooler=transaction, but session settings stay with their connection (no "
          + "transaction pooling seen): the per-transaction settings cost one statement per transaction");
    }
    return new PoolerProbe(observed);
  }

  /** True when a session setting was lost on its own connection or seen on the other, in any of three tries. */
  public static boolean sessionStateIsShared(DataSource dataSource) throws SQLException {
    try (Connection a = dataSource.getConnection(); Connection b = dataSource.getConnection()) {
      for (int attempt = 0; attempt < 3; attempt++) {
        String marker = UUID.randomUUID().toString();
        try (PreparedStatement set = a.prepareStatement("SELECT set_config('inkwell.pooler_probe', ?, false)")) {
          set.setString(1, marker);
          set.execute();
        }
        // Alternating reads: a pooler that hands out the last-used server shows the marker to b; one
        // that rotates its servers (server_round_robin) loses it for a.
        for (int read = 0; read < 2; read++) {
          if (!marker.equals(probe(a)) || marker.equals(probe(b))) {
            return true;
          }
        }
      }
      return false;
    }
  }

  private static String probe(Connection c) throws SQLException {
    try (PreparedStatement read = c.prepareStatement("SELECT current_setting('inkwell.pooler_probe', true)");
        ResultSet rs = read.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }

  public boolean transactionPooling() {
    return transactionPooling;
  }
}
