package dev.inkwell.app.compat;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar inkwell.jar compat [--json FILE] [--junit FILE] [--spring.datasource.url=... | DB9 settings]}:
 * runs the compatibility suite against the configured database, in a schema of its own, prints the
 * table and returns 0 only when no check failed.
 */
public final class CompatCommand {

  private CompatCommand() {
  }

  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Path json = null;
    Path junit = null;
    List<String> springArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "compat" -> { }
        case "--json" -> json = Path.of(args[++i]);
        case "--junit" -> junit = Path.of(args[++i]);
        default -> springArgs.add(args[i]);
      }
    }
    CompatReport report;
    try (CompatSession session = CompatSession.open(springArgs.toArray(String[]::new))) {
      CompatContext ctx = session.context();
      if (!session.cleanedLeftovers().isEmpty()) {
        err.println("dropped schemas left by earlier runs: " + session.cleanedLeftovers());
      }
      String forcedFailure = ctx.spring.getEnvironment().getProperty("inkwell.compat.fail-check");
      List<CompatResult> results = CompatRunner.runAll(ctx, CompatSuite.checks(), forcedFailure, err);
      report = new CompatReport(facts(ctx), session.schema(), results);
    }
    out.print(report.table());
    if (json != null) {
      Files.writeString(json, report.json(), StandardCharsets.UTF_8);
    }
    if (junit != null) {
      Files.writeString(junit, report.junit(), StandardCharsets.UTF_8);
    }
    return report.passed() ? 0 : 1;
  }

  /** What the server is, read after the checks (the isolation levels it granted while they ran). */
  static Map<String, Object> facts(CompatContext ctx) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("server", ctx.jdbc.queryForObject("SELECT version()", String.class));
    facts.put("pgvector", ctx.jdbc.queryForList("SELECT extversion FROM pg_extension WHERE extname = 'vector'", String.class)
        .stream().findFirst().orElse("not installed"));
    facts.put("max_connections", ctx.jdbc.queryForObject("SHOW max_connections", String.class));
    facts.put("isolation granted", ctx.isolation.observed());
    facts.put("jdbc url", ctx.dataSource.getJdbcUrl());
    facts.put("user", ctx.dataSource.getUsername());
    return facts;
  }
}
