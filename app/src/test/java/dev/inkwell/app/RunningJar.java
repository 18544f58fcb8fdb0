package dev.inkwell.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.inkwell.migrations.testing.TestDatabaseSettings;

/**
 * The packaged target/inkwell.jar started as its own process, as a user deploys it (for the
 * integration tests failsafe runs after {@code package}): the test database, a free loopback port,
 * its log in target/. Closing it sends SIGTERM, so the graceful shutdown runs too.
 */
public final class RunningJar implements AutoCloseable {

  private final Process process;
  private final Path log;
  public final int port;

  private RunningJar(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  public static RunningJar start(String name, String... arguments) throws Exception {
    return startOn(name, TestDatabaseSettings.url(), TestDatabaseSettings.username(), TestDatabaseSettings.password(),
        arguments);
  }

  /** The jar on the test database, the JVM started with {@code jvmOptions} ({@code -Xmx128m}). */
  public static RunningJar startWithJvm(String name, List<String> jvmOptions, String... arguments) throws Exception {
    return startOn(name, jvmOptions, TestDatabaseSettings.url(), TestDatabaseSettings.username(),
        TestDatabaseSettings.password(), arguments);
  }

  /** The jar on another database (a scratch one) as {@code user}. */
  public static RunningJar startOn(String name, String url, String user, String password, String... arguments)
      throws Exception {
    return startOn(name, List.of(), url, user, password, arguments);
  }

  private static RunningJar startOn(String name, List<String> jvmOptions, String url, String user, String password,
      String... arguments) throws Exception {
    Path jar = Path.of("target", "inkwell.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar.toAbsolutePath() + " is missing: integration tests run after mvn package");
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString(),
        "--server.port=" + port,
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + user,
        "--spring.datasource.password=" + password));
    command.addAll(List.of(arguments));
    Path log = Path.of("target", name + "-jar.log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    RunningJar running = new RunningJar(process, log, port);
    try {
      running.awaitHealthy(Duration.ofSeconds(90));
    } catch (Exception | AssertionError e) {
      running.close();
      throw e;
    }
    return running;
  }

  private void awaitHealthy(Duration limit) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build();
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the jar exited with " + process.exitValue() + "; its log:\n" + Files.readString(log));
      }
      try {
        if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // keep polling until the deadline
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the jar was not healthy within " + limit + "; its log:\n" + Files.readString(log));
  }

  /** Runs {@code java -jar target/inkwell.jar COMMAND ...} to its end: exit code and standard output. */
  public static Command command(String... arguments) throws Exception {
    return run(Path.of("target", "inkwell.jar"), arguments);
  }

  /** Runs {@code java -jar JAR ...} (the service's or a tool's) to its end: exit code and standard output. */
  public static Command run(Path jar, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString()));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("java -jar " + jar + " " + String.join(" ", arguments) + " did not finish");
    }
    return new Command(process.exitValue(), out);
  }

  public record Command(int exit, String out) {
  }

  /** The test database, for seeding and checking what the jar did. */
  public static JdbcTemplate database() {
    return new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), TestDatabaseSettings.url(),
        TestDatabaseSettings.username(), TestDatabaseSettings.password()));
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
