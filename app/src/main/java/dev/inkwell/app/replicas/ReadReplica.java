package dev.inkwell.app.replicas;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.postgresql.replication.LogSequenceNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The read replica: its pool, and what a check every {@code check-interval} last saw of it (reachable,
 * a standby or promoted, the WAL position it has replayed, how far behind the primary it is). The
 * pool opens no connection before the application has started (so not before Flyway has migrated the
 * primary), and a replica that cannot be reached at start-up does not stop the service: reads go to
 * the primary until a check sees it.
 */
final class ReadReplica implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ReadReplica.class);

  /**
   * Lag: 0 when the standby has replayed all it received (an idle primary sends nothing, and is not
   * "behind"); else the age of the last transaction it replayed, or less (see {@link #check}); null
   * when it has replayed no transaction since it started, so its lag is unknown. The fourth column is
   * what it has received (null before streaming starts, and on a primary).
   */
  private static final String CHECK = """
      SELECT pg_is_in_recovery(),
             CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END::text,
             CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                  ELSE EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()) END,
             pg_last_wal_receive_lsn()::text""";

  /** Why a read did not go to the replica. */
  enum Fallback { DOWN, LAG, LSN }

  /** What the last check saw. */
  record State(boolean reachable, boolean standby, long replayedLsn, double lagSeconds, Instant checkedAt, String error) {
    static final State UNCHECKED = new State(false, false, 0, 0, null, "not checked yet");
  }

  private final HikariDataSource pool;
  private final Duration maxLag;
  private final Duration checkInterval;
  private final Map<Fallback, Counter> fallbacks = new ConcurrentHashMap<>();
  private final Counter servedByReplica;
  private final Counter servedByPrimary;
  private volatile State state = State.UNCHECKED;
  private volatile String lastReadsFrom = "none yet";
  /** What the last checks saw received, newest first: enough of them to span max-lag. */
  private final Deque<Received> received = new ArrayDeque<>();
  private final int receivedKept;
  private ScheduledExecutorService checks;

  ReadReplica(HikariDataSource pool, Duration maxLag, Duration checkInterval, MeterRegistry meters) {
    this.pool = pool;
    this.maxLag = maxLag;
    this.checkInterval = checkInterval;
    this.receivedKept = (int) Math.min(1_000, maxLag.toMillis() / Math.max(1, checkInterval.toMillis()) + 2);
    for (Fallback reason : Fallback.values()) {
      fallbacks.put(reason, Counter.builder("inkwell.datasource.replica.fallbacks")
          .description("Reads the replica could have served that went to the primary, by reason")
          .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT)).register(meters));
    }
    servedByReplica = reads("replica", meters);
    servedByPrimary = reads("primary", meters);
  }

  private static Counter reads(String node, MeterRegistry meters) {
    return Counter.builder("inkwell.datasource.reads").description("Read-only connections, by the node that served them")
        .tag("node", node).register(meters);
  }

  HikariDataSource pool() {
    return pool;
  }

  State state() {
    return state;
  }

  Duration maxLag() {
    return maxLag;
  }

  /** Null when the replica may serve a read that must see {@code minLsn} (0: any); else why not. */
  Fallback refusal(long minLsn) {
    State s = state;
    if (!s.reachable()) {
      return Fallback.DOWN;
    }
    if (s.lagSeconds() * 1000 > maxLag.toMillis()) {
      return Fallback.LAG;
    }
    // A position the last check saw replayed: replay only moves forward, so it is a safe lower bound.
    if (minLsn != 0 && Long.compareUnsigned(s.replayedLsn(), minLsn) < 0) {
      return Fallback.LSN;
    }
    return null;
  }

  void servedByReplica() {
    servedByReplica.increment();
    lastReadsFrom = "replica";
  }

  void servedByPrimary(Fallback reason) {
    servedByPrimary.increment();
    fallbacks.get(reason).increment();
    lastReadsFrom = "primary";
  }

  String lastReadsFrom() {
    return lastReadsFrom;
  }

  Map<String, Object> fallbackCounts() {
    Map<String, Object> counts = new LinkedHashMap<>();
    fallbacks.forEach((reason, counter) -> counts.put(reason.name().toLowerCase(java.util.Locale.ROOT), (long) counter.count()));
    return counts;
  }

  /** A check's start and the position the standby had received by then (or after). */
  private record Received(Instant at, long lsn) {
  }

  /**
   * Sees the replica now. The age of the last replayed transaction overstates the lag after a quiet
   * spell: the first write after minutes without one, caught received but not yet replayed, read as
   * minutes behind (212 s by hand, a millisecond of replay) and sent every read of the next second to
   * the primary. Once the standby has replayed what it had received at an earlier check, it is behind
   * by no more than the time since that check started, so the lag is the smaller of the two. A
   * standby that has replayed no transaction since it started, with WAL received and not replayed
   * (replay paused, delayed or stuck), is as far behind as that bound says, or without one too far:
   * taken as no lag, it served reads that missed every write since (ReplicaOutageTest).
   */
  synchronized void check() {
    Instant started = Instant.now();
    try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(CHECK)) {
      rs.next();
      State was = state;
      Instant seen = Instant.now();
      long replayed = LogSequenceNumber.valueOf(rs.getString(2)).asLong();
      double lag = rs.getDouble(3);
      if (rs.wasNull()) {
        lag = Double.POSITIVE_INFINITY;
      }
      for (Received earlier : received) {
        if (Long.compareUnsigned(earlier.lsn(), replayed) <= 0) {
          lag = Math.min(lag, Duration.between(earlier.at(), seen).toNanos() / 1e9);
          break;
        }
      }
      String receivedLsn = rs.getString(4);
      if (receivedLsn != null) {
        received.addFirst(new Received(started, LogSequenceNumber.valueOf(receivedLsn).asLong()));
        if (received.size() > receivedKept) {
          received.removeLast();
        }
      }
      state = new State(true, rs.getBoolean(1), replayed, lag, seen, null);
      if (!was.reachable()) {
        log.info("read replica {} reachable ({}): reads go to it", pool.getJdbcUrl(), state.standby() ? "standby" : "promoted");
      }
    } catch (SQLException | RuntimeException e) {
      unreachable(e);
    }
  }

  /** The check, or a read, could not reach the replica: down until a check sees it again. */
  void unreachable(Exception e) {
    State was = state;
    state = new State(false, was.standby(), was.replayedLsn(), was.lagSeconds(), Instant.now(), e.getMessage());
    if (was.reachable()) {
      log.warn("read replica {} unreachable, reads go to the primary: {}", pool.getJdbcUrl(), e.getMessage());
      // Its connections are dead: none is handed out again once it is back.
      if (pool.getHikariPoolMXBean() != null) {
        pool.getHikariPoolMXBean().softEvictConnections();
      }
    }
  }

  @Override
  public void start() {
    checks = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "inkwell-replica-check");
      t.setDaemon(true);
      return t;
    });
    checks.scheduleWithFixedDelay(this::check, 0, checkInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    if (checks != null) {
      checks.shutdownNow();
      checks = null;
    }
    pool.close();
  }

  @Override
  public boolean isRunning() {
    return checks != null;
  }
}
