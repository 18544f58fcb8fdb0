package dev.inkwell.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.inkwell.Application;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a benchmark against a fresh database: {@code data} (W1..W9, Inkwell against plain JDBC and
 * pgbench), {@code vectors} (HNSW build, latency and recall) or {@code search} (the model, the outbox
 * lag, semantic/text/hybrid latency). Inkwell here is the service itself:
 * its Spring application (without the web server), so its pool, connection settings, transaction
 * manager and statement observer, with this package's beans scanned in beside them.
 * The database named by SPRING_DATASOURCE_URL (default inkwell_bench) is dropped and created again first.
 */
public final class BenchApplication {

  private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:54329/inkwell_bench";

  private BenchApplication() {
  }

  /** {@code [data|vectors|search] [--quick]}: data paths W1..W9 (default), pgvector, or post search. */
  public static void main(String[] args) throws Exception {
    System.out.println(run(args));
  }

  /** Runs a benchmark on a freshly created database and returns its JSON report. */
  public static String run(String... args) throws Exception {
    List<String> list = List.of(args);
    String which = list.stream().filter(a -> !a.startsWith("--")).findFirst().orElse("data");
    boolean quick = list.contains("--quick");
    recreateDatabase();
    // Command-line arguments: they outrank the service's application.yml.
    // The embedding worker runs only in the search benchmark: elsewhere it would embed the posts the
    // workloads write, on the same two cores, while they are timed.
    String[] spring = {"--spring.datasource.url=" + url(), "--spring.main.banner-mode=off", "--logging.level.root=WARN",
        "--logging.level.com.zaxxer.hikari=ERROR", "--inkwell.search.worker.enabled=" + which.equals("search")};
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
        .web(WebApplicationType.NONE).run(spring)) {
      return switch (which) {
        case "vectors" -> context.getBean(VectorBench.class).run(quick);
        case "search" -> context.getBean(SearchBench.class).run(quick);
        case "data" -> JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
            .writeValueAsString(context.getBean(DataPathBench.class).run(quick));
        default -> throw new IllegalArgumentException("unknown benchmark '" + which + "'; known: data, vectors, search");
      };
    }
  }

  private static String url() {
    return System.getenv().getOrDefault("SPRING_DATASOURCE_URL", DEFAULT_URL);
  }

  /** Drops and creates the benchmark database named by SPRING_DATASOURCE_URL (default inkwell_bench). */
  static void recreateDatabase() throws Exception {
    String url = url();
    String user = System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "inkwell");
    String password = System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", "");
    String name = url.replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
    if (!name.matches("[a-z_][a-z0-9_]*") || !name.contains("bench")) {
      throw new IllegalArgumentException("the benchmark recreates its database: its name must contain 'bench', got " + name);
    }
    try (Connection c = DriverManager.getConnection(url.replace("/" + name, "/postgres"), user, password);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + name);
    }
  }
}
