package dev.inkwell.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.apache.ibatis.annotations.Mapper;
import org.mybatis.spring.annotation.MapperScan;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs a benchmark against a fresh database: {@code vectors} (HNSW build, latency and recall).
 * The database named by spring.datasource.url is dropped and created again first.
 */
@SpringBootApplication(scanBasePackages = {"dev.inkwell.bench", "dev.inkwell.users", "dev.inkwell.vectors"})
@MapperScan(basePackages = {"dev.inkwell.users", "dev.inkwell.vectors"}, annotationClass = Mapper.class)
public class BenchApplication {

  public static void main(String[] args) throws Exception {
    String which = args.length == 0 ? "vectors" : args[0];
    boolean quick = java.util.Arrays.asList(args).contains("--quick");
    recreateDatabase();
    try (ConfigurableApplicationContext context = SpringApplication.run(BenchApplication.class)) {
      switch (which) {
        case "vectors" -> System.out.println(context.getBean(VectorBench.class).run(quick));
        default -> throw new IllegalArgumentException("unknown benchmark '" + which + "'; known: vectors");
      }
    }
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
