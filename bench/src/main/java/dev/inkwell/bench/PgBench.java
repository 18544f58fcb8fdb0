package dev.inkwell.bench;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.Driver;

/**
 * The database's own floor: the same SQL run by pgbench ({@code -M prepared}, or {@code -M extended}
 * when the JDBC URL turns named server-side statements off with {@code prepareThreshold=0}, as behind
 * a transaction pooler), with as many clients as the workload keeps busy. Null when pgbench is not
 * installed.
 */
final class PgBench {

  private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

  private final String host;
  private final String port;
  private final String database;
  private final String user;
  private final String password;
  private final String binary;
  private final String mode;

  PgBench(String jdbcUrl, String user, String password) {
    Properties url = Driver.parseURL(jdbcUrl, null);
    this.host = url.getProperty("PGHOST");
    this.port = url.getProperty("PGPORT");
    this.database = url.getProperty("PGDBNAME");
    this.user = user;
    this.password = password;
    this.binary = find();
    this.mode = "0".equals(url.getProperty("prepareThreshold")) ? "extended" : "prepared";
  }

  String mode() {
    return mode;
  }

  private static String find() {
    List<String> candidates = new ArrayList<>();
    File lib = new File("/usr/lib/postgresql");
    String[] versions = lib.list();
    if (versions != null) {
      java.util.Arrays.sort(versions, java.util.Comparator.reverseOrder());
      for (String v : versions) {
        candidates.add("/usr/lib/postgresql/" + v + "/bin/pgbench");
      }
    }
    candidates.add("/usr/bin/pgbench");
    return candidates.stream().filter(c -> new File(c).canExecute()).findFirst().orElse(null);
  }

  boolean available() {
    return binary != null;
  }

  /** Runs of pgbench per floor; the floor is the fastest, since the machine's noise only ever slows it. */
  static final int RUNS = 3;

  /**
   * Transactions per second of {@code transactions} runs of {@code script} per client, the best of
   * {@link #RUNS} (one run of a second or two moved by 40 % between runs here, at times below the JDBC
   * path's rate), or null without pgbench; {@code options} (PGOPTIONS, may be null) are session settings
   * for its connections.
   */
  Double tps(String script, int transactions, int clients, String options) throws Exception {
    if (binary == null) {
      return null;
    }
    double best = 0;
    for (int run = 0; run < RUNS; run++) {
      best = Math.max(best, once(script, transactions, clients, options));
    }
    return best;
  }

  private double once(String script, int transactions, int clients, String options) throws Exception {
    Path file = Files.createTempFile("inkwell-pgbench", ".sql");
    try {
      Files.writeString(file, script, StandardCharsets.UTF_8);
      ProcessBuilder pb = new ProcessBuilder(binary, "-n", "-M", mode, "-c", Integer.toString(clients),
          "-j", Integer.toString(Math.min(clients, 2)), "-t",
          Integer.toString(transactions), "-f", file.toString(), "-h", host, "-p", port, "-U", user, database)
          .redirectErrorStream(true);
      pb.environment().put("PGPASSWORD", password == null ? "" : password);
      if (options != null) {
        pb.environment().put("PGOPTIONS", options);
      }
      Process process = pb.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("pgbench failed: " + output);
      }
      Matcher m = TPS.matcher(output);
      if (!m.find()) {
        throw new IllegalStateException("no tps in pgbench output: " + output);
      }
      return Double.valueOf(m.group(1));
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
