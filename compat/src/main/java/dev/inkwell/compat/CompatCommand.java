package dev.inkwell.compat;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.inkwell.app.cli.Cli;

/**
 * {@code java -jar inkwell-compat.jar [--json FILE] [--junit FILE] [--spring.datasource.url=... | DB9 settings]}:
 * runs the compatibility suite against the configured database, in a schema of its own, prints the
 * table and returns 0 only when no check failed.
 */
public final class CompatCommand {

  static final String USAGE = """
      Usage: java -jar inkwell-compat.jar [--json FILE] [--junit FILE] [--name=value ...]

      Checks a PostgreSQL-compatible database against everything Inkwell needs, with Inkwell's own
      services, in a schema of its own (created and dropped by the run) on the database the service
      settings name (--spring.datasource.* or --inkwell.db9.*).
        --json FILE    also write the report as JSON
        --junit FILE   also write the report as JUnit XML
      Exit code: 0 when no check failed, 1 otherwise, 2 for bad options.
      """;

  private CompatCommand() {
  }

  public static void main(String[] args) throws Exception {
    System.exit(main(args, System.out, System.err));
  }

  /** {@code --help}, unknown options (exit code 2), else the run. */
  static int main(String[] args, PrintStream out, PrintStream err) throws Exception {
    List<String> options = List.of(args);
    if (options.contains("--help") || options.contains("-h")) {
      out.print(USAGE);
      return 0;
    }
    String bad = Cli.firstUnknown(options, Set.of("--json", "--junit"), true);
    if (bad != null) {
      return Cli.fail(err, "unknown or incomplete option '" + bad + "'", USAGE);
    }
    return run(args, out, err);
  }

  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Path json = null;
    Path junit = null;
    List<String> springArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--json" -> json = Path.of(args[++i]);
        case "--junit" -> junit = Path.of(args[++i]);
        default -> springArgs.add(args[i]);
      }
    }
    CompatReport report;
    CompatSession session;
    try {
      session = CompatSession.open(springArgs.toArray(String[]::new));
    } catch (Exception | LinkageError e) {
      // No database, no schema, no migration: still a report, with the cause as its failed check.
      report = new CompatReport(Map.of(), null, List.of(new CompatResult(SET_UP,
          Outcome.fail(CompatRunner.message(rootCause(e))), 0)));
      return write(report, out, json, junit);
    }
    try (session) {
      CompatContext ctx = session.context();
      if (!session.cleanedLeftovers().isEmpty()) {
        err.println("dropped schemas left by earlier runs: " + session.cleanedLeftovers());
      }
      String forcedFailure = ctx.spring.getEnvironment().getProperty("inkwell.compat.fail-check");
      List<CompatResult> results = new ArrayList<>();
      results.add(new CompatResult(SET_UP, Outcome.pass(), 0));
      results.addAll(CompatRunner.runAll(ctx, CompatSuite.checks(), forcedFailure, err));
      report = new CompatReport(facts(ctx), session.schema(), results);
    }
    return write(report, out, json, junit);
  }

  /** Starting Inkwell on the database, creating and migrating the run's schema: a check of its own. */
  static final Check SET_UP = new Check(ConnectionChecks.CATEGORY,
      "set-up: connect, create the run's schema and migrate it", false, ctx -> Outcome.pass());

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && !(t instanceof java.sql.SQLException)) {
      t = t.getCause();
    }
    return t;
  }

  private static int write(CompatReport report, PrintStream out, Path json, Path junit) throws Exception {
    out.print(report.table());
    if (json != null) {
      Files.writeString(json, report.json(), StandardCharsets.UTF_8);
    }
    if (junit != null) {
      Files.writeString(junit, report.junit(), StandardCharsets.UTF_8);
    }
    return report.passed() ? 0 : 1;
  }

  /** A JDBC URL without the values of password-like parameters. */
  static String withoutSecrets(String url) {
    return url == null ? null : url.replaceAll("(?i)((?:password|sslpassword|token)=)[^&;]*", "$1***");
  }

  /** What the server is, read after the checks (the isolation levels it granted while they ran). */
  static Map<String, Object> facts(CompatContext ctx) {
    Map<String, Object> facts = new LinkedHashMap<>();
    fact(facts, "server", () -> ctx.jdbc.queryForObject("SELECT version()", String.class));
    fact(facts, "pgvector", () -> ctx.jdbc.queryForList("SELECT extversion FROM pg_extension WHERE extname = 'vector'",
        String.class).stream().findFirst().orElse("not installed"));
    fact(facts, "max_connections", () -> ctx.jdbc.queryForObject("SHOW max_connections", String.class));
    fact(facts, "isolation granted", ctx.isolation::observed);
    fact(facts, "jdbc url", () -> withoutSecrets(ctx.dataSource.getJdbcUrl()));
    fact(facts, "user", ctx.dataSource::getUsername);
    return facts;
  }

  /** A fact the server cannot tell is reported as such: the report is printed whatever happens. */
  private static void fact(Map<String, Object> facts, String name, java.util.function.Supplier<Object> value) {
    try {
      facts.put(name, value.get());
    } catch (RuntimeException e) {
      facts.put(name, "unavailable: " + CompatRunner.message(e));
    }
  }
}
