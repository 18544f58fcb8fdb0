package dev.inkwell.app.observability;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;

import dev.inkwell.app.transactions.Unit;
import dev.inkwell.app.transactions.UnitOfWork;
import dev.inkwell.users.UserService;

/**
 * {@code /actuator/info} → {@code database}: what the server is and does, read once (the first time
 * it is asked and the database answers): version, pgvector version, the isolation level it grants
 * for SERIALIZABLE, and whether upsert's created flag is exact here.
 */
@Component
class DatabaseInfoContributor implements InfoContributor {

  private final JdbcTemplate jdbc;
  private final UnitOfWork uow;
  private final UserService users;
  private volatile Map<String, Object> facts;

  DatabaseInfoContributor(JdbcTemplate jdbc, UnitOfWork uow, UserService users) {
    this.jdbc = jdbc;
    this.uow = uow;
    this.users = users;
  }

  @Override
  public void contribute(Info.Builder builder) {
    try {
      if (facts == null) {
        Map<String, Object> read = new LinkedHashMap<>();
        read.put("serverVersion", jdbc.queryForObject("SHOW server_version", String.class));
        read.put("pgvector", jdbc.queryForList("SELECT extversion FROM pg_extension WHERE extname = 'vector'", String.class)
            .stream().findFirst().orElse("not installed"));
        read.put("serializableGranted", uow.run(Unit.readOnlyUnit().withIsolation(Isolation.SERIALIZABLE),
            () -> jdbc.queryForObject("SHOW transaction_isolation", String.class)));
        read.put("upsertCreatedFlag", users.upsertCreatedFlagExact() ? "exact" : "unknown (reported as null)");
        facts = read;
      }
      builder.withDetail("database", facts);
    } catch (RuntimeException e) {
      builder.withDetail("database", Map.of("status", "unavailable"));
    }
  }
}
