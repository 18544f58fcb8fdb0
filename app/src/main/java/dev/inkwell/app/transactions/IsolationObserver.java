package dev.inkwell.app.transactions;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What isolation the server really granted, per level asked for. The guide says DB9 runs SERIALIZABLE
 * as REPEATABLE READ; rather than trust the request, every transaction that asks for a level reads it
 * back ({@code SHOW transaction_isolation}). A weaker grant is logged once per level and process, and
 * shown under {@code /actuator/info} ({@code transactions.isolation}).
 */
public class IsolationObserver {

  private static final Logger log = LoggerFactory.getLogger(IsolationObserver.class);
  private static final Map<String, Integer> STRENGTH = Map.of(
      "read uncommitted", 0, "read committed", 1, "repeatable read", 2, "serializable", 3);

  private final Map<String, String> observed = new ConcurrentHashMap<>();
  private final Map<String, String> refusals = new ConcurrentHashMap<>();

  /** Records a transaction's granted level; both in PostgreSQL's spelling ({@code "repeatable read"}). */
  public void record(String requested, String granted) {
    String asked = requested.toLowerCase(Locale.ROOT);
    String got = granted.toLowerCase(Locale.ROOT);
    String previous = observed.put(asked, got);
    if (!got.equals(previous) && STRENGTH.getOrDefault(got, -1) < STRENGTH.getOrDefault(asked, -1)) {
      log.warn("Asked the database for {} isolation, it granted {}: transactions marked {} run with weaker guarantees",
          asked.toUpperCase(Locale.ROOT), got.toUpperCase(Locale.ROOT), asked.toUpperCase(Locale.ROOT));
    }
  }

  /** The server refused {@code requested} with an error ({@code refusal}); {@code used} ran instead. */
  public void refused(String requested, String refusal, String used) {
    observed.put(requested, used);
    if (refusals.put(requested, refusal) == null) {
      log.warn("The database refused {} isolation ({}): transactions marked {} run as {}",
          requested.toUpperCase(Locale.ROOT), refusal, requested.toUpperCase(Locale.ROOT), used.toUpperCase(Locale.ROOT));
    }
  }

  /** Levels the server refused with an error → its words. */
  public Map<String, String> refusals() {
    return Map.copyOf(refusals);
  }

  /** Level asked for → level the server last granted for it. */
  public Map<String, String> observed() {
    return Map.copyOf(observed);
  }

  /** Spring's isolation constant as PostgreSQL spells the level. */
  static String levelName(int isolation) {
    return switch (isolation) {
      case java.sql.Connection.TRANSACTION_READ_UNCOMMITTED -> "read uncommitted";
      case java.sql.Connection.TRANSACTION_READ_COMMITTED -> "read committed";
      case java.sql.Connection.TRANSACTION_REPEATABLE_READ -> "repeatable read";
      case java.sql.Connection.TRANSACTION_SERIALIZABLE -> "serializable";
      default -> throw new IllegalArgumentException("no isolation level " + isolation);
    };
  }
}
