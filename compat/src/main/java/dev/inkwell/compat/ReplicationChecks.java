package dev.inkwell.compat;

import static dev.inkwell.compat.Expect.that;

import java.util.List;
import java.util.Map;

import org.springframework.dao.DataAccessException;

/**
 * What a read replica setup needs from the server Inkwell writes to: that it is the primary, which
 * standbys stream from it, and the WAL position read-your-writes hands to clients
 * ({@code Inkwell-Commit-LSN}). On DB9 replication happens below SQL (its storage layer), so these
 * report what is absent rather than fail.
 */
final class ReplicationChecks {

  static final String CATEGORY = "Replication and read replicas";

  private ReplicationChecks() {
  }

  private static Check check(String name, Check.Body body) {
    return new Check(CATEGORY, name, false, body);
  }

  static List<Check> all() {
    return List.of(
        check("the server accepts writes (not a standby in recovery)", ctx -> {
          Boolean standby;
          try {
            standby = ctx.jdbc.queryForObject("SELECT pg_is_in_recovery()", Boolean.class);
          } catch (DataAccessException e) {
            return Outcome.skip("no pg_is_in_recovery(): " + e.getMostSpecificCause().getMessage());
          }
          that(!Boolean.TRUE.equals(standby), "this is a standby in recovery: point spring.datasource.url at the primary "
              + "(several hosts with targetServerType=primary find it after a failover)");
          return Outcome.pass();
        }),
        check("streaming standbys of this server", ctx -> {
          List<Map<String, Object>> standbys;
          try {
            standbys = ctx.jdbc.queryForList("SELECT application_name, sync_state FROM pg_stat_replication ORDER BY application_name");
          } catch (DataAccessException e) {
            return Outcome.skip("no pg_stat_replication (" + e.getMostSpecificCause().getMessage()
                + "): the server replicates below SQL, as DB9 does; no read replica to route to");
          }
          return Outcome.note(standbys.isEmpty() ? "none: every read is served by this server"
              : standbys.size() + " (" + String.join(", ", standbys.stream()
                  .map(s -> s.get("application_name") + ": " + s.get("sync_state")).toList())
                  + "): inkwell.datasource.replica.url may route reads to them");
        }),
        check("read-your-writes: the WAL insert position moves past a commit", ctx -> {
          String before;
          try {
            before = ctx.jdbc.queryForObject("SELECT pg_current_wal_insert_lsn()::text", String.class);
          } catch (DataAccessException e) {
            return Outcome.skip("no pg_current_wal_insert_lsn() (" + e.getMostSpecificCause().getMessage()
                + "): write responses carry no Inkwell-Commit-LSN; do not route reads to replicas here");
          }
          ctx.jdbc.update("INSERT INTO tags (name) VALUES ('compat-lsn')");
          ctx.jdbc.update("DELETE FROM tags WHERE name = 'compat-lsn'");
          Boolean moved = ctx.jdbc.queryForObject("SELECT pg_current_wal_insert_lsn() > CAST(? AS pg_lsn)", Boolean.class, before);
          that(Boolean.TRUE.equals(moved), "the position " + before + " did not move past two commits");
          return Outcome.pass();
        }));
  }
}
