package dev.inkwell.compat;

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
import dev.inkwell.migrations.flyway.Migrations;

/**
 * The suite's own schema on the user's database: created for the run, migrated there by Inkwell's
 * Flyway scripts, first on every pooled connection's search path, and dropped when the run ends, also
 * when a check fails or the JVM is interrupted (shutdown hook). Schemas left by a run that could not
 * clean up (killed) are recognised by name and comment, and dropped by a later run.
 *
 * <p>Through a transaction-pooling proxy a search path is a session setting that would reach other
 * clients' transactions, so there the run gets a database of its own instead (its {@code public}
 * schema), reached through the same proxy: that needs the right to create a database and the vector
 * extension in it.
 */
public final class CompatSession implements AutoCloseable {

  static final String PREFIX = "inkwell_compat_";
  private static final String MARKER = "inkwell compatibility run started ";

  private final String schema;
  /** The run's own database (through a transaction pooler), or null when the run has a schema. */
  private final String database;
  /** Where the run's schema or database is dropped from: the URL the user gave. */
  private final String adminUrl;
  private final ConfigurableApplicationContext spring;
  private final CompatContext context;
  private final List<String> cleanedLeftovers;
  private final Thread hook;
  private final HikariDataSource pool;
  private boolean closed;

  private CompatSession(String schema, String database, String adminUrl, ConfigurableApplicationContext spring,
      List<String> cleanedLeftovers) {
    this.schema = schema;
    this.database = database;
    this.adminUrl = adminUrl;
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
        .placeholders(Migrations.DEFAULT_PLACEHOLDERS)
        .load();
    if (flyway.migrate().migrationsExecuted > 0) {
      // Connections opened before the schema existed lack its session settings (the service does the same).
      pool.getHikariPoolMXBean().softEvictConnections();
    }
    this.context = new CompatContext(schema, spring, flyway);
    // The service read the table's facts at start-up, before this schema existed: read them here.
    context.embeddings.refreshSchemaFacts();
    String current = context.jdbc.queryForObject("SELECT current_schema()", String.class);
    String db = context.jdbc.queryForObject("SELECT current_database()", String.class);
    if (!schema.equals(current) || (database != null && !database.equals(db))) {
      close();
      throw new IllegalStateException("connections use schema " + current + ", not the suite's " + schema + ": stopping");
    }
  }

  /**
   * Starts Inkwell (no web server) with {@code springArgs} (the service's own settings: datasource,
   * DB9) on a new schema, or through a transaction pooler on a new database.
   */
  public static CompatSession open(String... springArgs) throws Exception {
    String name = PREFIX + DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(Instant.now())
        + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    // First with the service's own settings only: nothing reaches a session before the probe has said
    // whether a transaction pooler would hand it to other clients.
    ConfigurableApplicationContext users = start(springArgs, null);
    ConfigurableApplicationContext own = null;
    try {
      JdbcTemplate jdbc = users.getBean(JdbcTemplate.class);
      String adminUrl = users.getBean(HikariDataSource.class).getJdbcUrl();
      List<String> cleaned = new ArrayList<>();
      if (users.getBean(PoolerProbe.class).transactionPooling()) {
        cleaned.addAll(dropLeftoverDatabases(jdbc));
        jdbc.execute("CREATE DATABASE \"" + name + "\"");
        jdbc.execute("COMMENT ON DATABASE \"" + name + "\" IS '" + MARKER + Instant.now() + "'");
        try {
          own = start(springArgs, adminUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"));
          return new CompatSession("public", name, adminUrl, own, cleaned);
        } catch (Exception e) {
          dropDatabase(jdbc, name);
          throw e;
        }
      }
      cleaned.addAll(dropLeftovers(jdbc));
      jdbc.execute("CREATE SCHEMA \"" + name + "\"");
      jdbc.execute("COMMENT ON SCHEMA \"" + name + "\" IS '" + MARKER + Instant.now() + "'");
      try {
        // The service's own statement timeout stays; the run's schema comes first on the search path.
        own = start(springArgs, null, "--spring.datasource.hikari.connection-init-sql=SET statement_timeout = '"
            + "${inkwell.statement-timeout:30s}'; SET search_path TO \"" + name + "\", public");
        return new CompatSession(name, null, adminUrl, own, cleaned);
      } catch (Exception e) {
        jdbc.execute("DROP SCHEMA IF EXISTS \"" + name + "\" CASCADE");
        throw e;
      }
    } catch (Exception e) {
      if (own != null) {
        own.close();
      }
      throw e;
    } finally {
      users.close();
    }
  }

  /** Inkwell without a web server, quiet unless {@code springArgs} say otherwise; {@code url} overrides theirs. */
  private static ConfigurableApplicationContext start(String[] springArgs, String url, String... more) {
    List<String> args = new ArrayList<>(List.of("--spring.main.banner-mode=off", "--logging.level.root=WARN",
        "--logging.level.com.zaxxer.hikari=ERROR"));
    for (String arg : springArgs) {
      if (url == null || !arg.startsWith("--spring.datasource.url=")) {
        args.add(arg); // a second --spring.datasource.url would be joined to the first, not replace it
      }
    }
    args.add("--spring.flyway.enabled=false");
    if (url != null) {
      args.add("--spring.datasource.url=" + url);
    }
    args.addAll(List.of(more));
    return new SpringApplicationBuilder(Application.class)
        .web(WebApplicationType.NONE)
        .registerShutdownHook(false)
        .run(args.toArray(String[]::new));
  }

  /** Databases of earlier pooled runs (our prefix and comment) started more than 15 minutes ago. */
  private static List<String> dropLeftoverDatabases(JdbcTemplate jdbc) {
    List<String> leftovers = jdbc.queryForList("""
        SELECT d.datname FROM pg_database d
        WHERE d.datname LIKE 'inkwell\\_compat\\_%'
          AND shobj_description(d.oid, 'pg_database') LIKE 'inkwell compatibility run started %'
          AND CAST(substring(shobj_description(d.oid, 'pg_database') FROM 35) AS timestamptz) < now() - interval '15 minutes'""",
        String.class);
    leftovers.forEach(leftover -> dropDatabase(jdbc, leftover));
    return leftovers;
  }

  private static void dropDatabase(JdbcTemplate jdbc, String name) {
    jdbc.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
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

  /** The run's schema, or through a transaction pooler its database. */
  public String schema() {
    return database != null ? database : schema;
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
    String what = database != null ? "DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)"
        : "SCHEMA IF EXISTS \"" + schema + "\" CASCADE";
    try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
      s.execute("DROP " + what);
    } catch (Exception e) {
      throw new IllegalStateException("could not drop compatibility " + what + ": " + e.getMessage(), e);
    }
  }
}
