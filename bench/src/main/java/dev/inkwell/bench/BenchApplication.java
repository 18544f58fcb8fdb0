package dev.inkwell.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.mybatis.spring.annotation.MapperScan;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.inkwell.query.testing.StatementCounter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a benchmark against a fresh database: {@code data} (W1..W9, Inkwell against plain JDBC and
 * pgbench) or {@code vectors} (HNSW build, latency and recall).
 * The database named by spring.datasource.url is dropped and created again first.
 */
@SpringBootApplication(scanBasePackages = {"dev.inkwell.bench", "dev.inkwell.users", "dev.inkwell.tags", "dev.inkwell.posts",
    "dev.inkwell.vectors"})
@MapperScan(basePackages = {"dev.inkwell.users", "dev.inkwell.tags", "dev.inkwell.posts", "dev.inkwell.vectors"},
    annotationClass = Mapper.class)
public class BenchApplication {

  /** {@code [data|vectors] [--quick]}: data paths W1..W9 (default) or the pgvector benchmark. */
  public static void main(String[] args) throws Exception {
    System.out.println(run(args));
  }

  /** Runs a benchmark on a freshly created database and returns its JSON report. */
  public static String run(String... args) throws Exception {
    List<String> list = List.of(args);
    String which = list.stream().filter(a -> !a.startsWith("--")).findFirst().orElse("data");
    boolean quick = list.contains("--quick");
    recreateDatabase();
    try (ConfigurableApplicationContext context = SpringApplication.run(BenchApplication.class)) {
      return switch (which) {
        case "vectors" -> context.getBean(VectorBench.class).run(quick);
        case "data" -> JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
            .writeValueAsString(context.getBean(DataPathBench.class).run(quick));
        default -> throw new IllegalArgumentException("unknown benchmark '" + which + "'; known: data, vectors");
      };
    }
  }

  /** Counts statements for W5's fixed-statement proof. */
  @Bean
  StatementCounter statementCounter() {
    return new StatementCounter();
  }

  /** Drops and creates the benchmark database named by SPRING_DATASOURCE_URL (default inkwell_bench). */
  static void recreateDatabase() throws Exception {
    String url = System.getenv().getOrDefault("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:54329/inkwell_bench");
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
