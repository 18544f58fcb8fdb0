package dev.inkwell.app.database;

import java.time.Duration;
import java.util.Locale;

import org.springframework.core.env.Environment;

/**
 * {@code inkwell.datasource.pooler}: how Inkwell reaches the database. {@code none} (default): its own
 * pool holds server connections, so session settings are set once per connection. {@code transaction}:
 * through a transaction-pooling proxy (PgBouncer {@code pool_mode = transaction} and the poolers that
 * work like it), where only what a transaction sets for itself is safe: no named server-side
 * statements, the statement timeout set in each transaction ({@code set_config(..., true)}).
 */
public enum PoolerMode {
  NONE, TRANSACTION;

  public static PoolerMode of(Environment env) {
    String value = env.getProperty("inkwell.datasource.pooler", "none").trim().toUpperCase(Locale.ROOT);
    try {
      return valueOf(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("inkwell.datasource.pooler is '" + value.toLowerCase(Locale.ROOT)
          + "': use none or transaction");
    }
  }

  /** {@code inkwell.statement-timeout} in milliseconds, as PostgreSQL's statement_timeout takes it (0: none). */
  public static String statementTimeout(Environment env) {
    Duration timeout = env.getProperty("inkwell.statement-timeout", Duration.class, Duration.ofSeconds(30));
    // Refused here, it is a setting's error; sent on, the server's refusal read as a failed connection.
    if (timeout.isNegative() || timeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalStateException("inkwell.statement-timeout must be between 0 (none) and " + Integer.MAX_VALUE
          + " ms, was " + timeout);
    }
    return timeout.toMillis() + "ms";
  }
}
