package dev.inkwell.app.compat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.flywaydb.core.Flyway;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import dev.inkwell.Application;
import dev.inkwell.app.database.PoolerProbe;

/**
 * The suite's own schema on the user's database: created for the run, migrated there by Inkwell's
 * Flyway scripts, first on every pooled connection's search path, and dropped when the run ends, also
 * when a check fails or the JVM is interrupted (shutdown hook). Schemas left by a run that could not
 * clean up (killed) are recognised by name and comment, and dropped by a later run.
 */
public final class CompatSession implements AutoCloseable {

  static final String PREFIX = "inkwell_compat_";
  private static final String MARKER = "inkwell compatibility run started ";

  private final String schema;
  private final ConfigurableApplicationContext spring;
  private final CompatContext context;
  private final List<String> cleanedLeftovers;
  private final Thread hook;
  private final HikariDataSource pool;
  private boolean closed;

  private CompatSession(String schema, ConfigurableApplicationContext spring, List<String> cleanedLeftovers) {
    this.schema = schema;
    this.spring = spring;
    this.cleanedLeftovers = cleanedLeftovers;
    HikariDataSource pool = spring.getBean(HikariDataSource.class);
    this.pool = pool;
    this.hook = new Thread(this::dropQuietly, "inkwell-compat-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    Flyway flyway = Flyway.configure()
        .dataSource(pool)
        .schemas(schema)
        .locations("classpath:db/migration")
        .load();
    flyway.migrate();
    this.context = new CompatContext(schema, spring, flyway);
    // The service read the table's facts at start-up, before this schema existed: read them here.
    context.embeddings.refreshSchemaFacts();
    String current = context.jdbc.queryForObject("SELECT current_schema()", String.class);
    if (!schema.equals(current)) {
      close();
      throw new IllegalStateException("connections use schema " + current + ", not the suite's " + schema + ": stopping");
    }
  }

  /**
   * Starts Inkwell (no web server) with {@code springArgs} (the service's own settings: datasource,
   * DB9) on a new schema.
   */
  public static CompatSession open(String... springArgs) throws Exception {
    String schema = PREFIX + DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(Instant.now())
        + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    // Quiet logs unless the user's arguments say otherwise; the schema settings come last so they win.
    List<String> args = new ArrayList<>(List.of("--spring.main.banner-mode=off", "--logging.level.root=WARN",
        "--logging.level.com.zaxxer.hikari=ERROR"));
    args.addAll(List.of(springArgs));
    args.add("--spring.flyway.enabled=false");
    // The service's own statement timeout stays; the run's schema comes first on the search path.
    args.add("--spring.datasource.hikari.connection-init-sql=SET statement_timeout = '${inkwell.statement-timeout:30s}'; "
        + "SET search_path TO \"" + schema + "\", public");
    ConfigurableApplicationContext spring = new SpringApplicationBuilder(Application.class)
        .web(WebApplicationType.NONE)
        .registerShutdownHook(false)
        .run(args.toArray(String[]::new));
    List<String> cleaned = new ArrayList<>();
    try {
      if (spring.getBean(PoolerProbe.class).transactionPooling()) {
        // The run's schema is set per connection (search_path): through a transaction pooler it would
        // reach other clients' transactions. Refused before the schema exists.
        throw new IllegalStateException("compat cannot run through a transaction-pooling proxy (its schema is a "
            + "session setting): point --spring.datasource.url at the server itself");
      }
      JdbcTemplate jdbc = spring.getBean(JdbcTemplate.class);
      cleaned.addAll(dropLeftovers(jdbc));
      jdbc.execute("CREATE SCHEMA \"" + schema + "\"");
      jdbc.execute("COMMENT ON SCHEMA \"" + schema + "\" IS '" + MARKER + Instant.now() + "'");
      return new CompatSession(schema, spring, cleaned);
    } catch (Exception e) {
      spring.close();
      throw e;
    }
  }

  /** Schemas of earlier runs (our prefix and comment) started more than 15 minutes ago. */
  private static List<String> dropLeftovers(JdbcTemplate jdbc) {
    List<String> leftovers = jdbc.queryForList("""
        SELECT n.nspname FROM pg_namespace n
        WHERE n.nspname LIKE 'inkwell\\_compat\\_%'
          AND obj_description(n.oid, 'pg_namespace') LIKE 'inkwell compatibility run started %'
          AND CAST(substring(obj_description(n.oid, 'pg_namespace') FROM 35) AS timestamptz) < now() - interval '15 minutes'""",
        String.class);
    for (String leftover : leftovers) {
      jdbc.execute("DROP SCHEMA IF EXISTS \"" + leftover + "\" CASCADE");
    }
    return leftovers;
  }

  public String schema() {
    return schema;
  }

  public CompatContext context() {
    return context;
  }

  public List<String> cleanedLeftovers() {
    return cleanedLeftovers;
  }

  /** Drops the schema and stops Inkwell. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: it drops the schema
    }
    spring.close();
    drop();
  }

  private void dropQuietly() {
    try {
      spring.close();
      drop();
    } catch (Exception e) {
      System.err.println("could not drop compatibility schema " + schema + ": " + e.getMessage());
    }
  }

  /** On a connection of its own (the pool may already be closed), with the pool's current password. */
  private void drop() {
    var credentials = pool.getCredentialsProvider() != null ? pool.getCredentialsProvider().getCredentials() : null;
    String user = credentials != null ? credentials.getUsername() : pool.getUsername();
    String password = credentials != null ? credentials.getPassword() : pool.getPassword();
    try (Connection c = DriverManager.getConnection(pool.getJdbcUrl(), user, password); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    } catch (Exception e) {
      throw new IllegalStateException("could not drop compatibility schema " + schema + ": " + e.getMessage(), e);
    }
  }
}
