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
 * a transaction pooler), with as many clients as the workload keeps busy, timed inside the workload's
 * alternating rounds, so that a slow or fast spell of this shared machine falls on the floor as on the
 * two paths; none without pgbench installed ({@link #available}).
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

  /**
   * Seconds of each floor run (pgbench's {@code -T}, whose whole seconds are the least it takes). A new
   * session's first statements pay for its backend's cold caches, where both Java paths use the pool's
   * warm connections: some 10-13 ms per run (W3's look-up, one client: 100 transactions at 6,000 per
   * second, 2,000 at 15,000, 20,000 at 16,700), about 1 % of a second's run, against the floor. Logging
   * each transaction ({@code -l}) to leave the first ones out cost the floor more (2-3 %, three runs of
   * each), and a count of transactions ({@code -t}) ends the clients apart (7 clients, 272 each: the
   * first after 40 ms, the last after 107).
   */
  static final int SECONDS = 1;

  /**
   * A floor of {@code clients} pgbench clients running {@code script}, to be timed inside a workload's
   * rounds; {@code options} (PGOPTIONS, may be null) are session settings for its connections.
   */
  Floor floor(String script, int clients, String options) {
    return new Floor(this, script, clients, options);
  }

  /** pgbench's share of a workload: a part of it run by as many clients at pgbench's rate. */
  record Floor(PgBench pgbench, String script, int clients, String options) implements Measure.Floor {

    /** The time {@code operations} take at the rate of a run of {@link #SECONDS} made now. */
    @Override
    public long time(int operations) throws Exception {
      return Math.round(operations * 1e9 / pgbench.tps(script, clients, options));
    }
  }

  /**
   * Transactions per second of one pgbench run of {@link #SECONDS}, without its connections' set-up;
   * a thread per client ({@code -j}), as each of the workload's threads waits on its own connection.
   * With two threads for five clients, each thread serving the replies of two or three in turn, a
   * look-up by id ran at 32,000-44,000 tps against 49,000-82,000 with five (four runs each,
   * alternately), and W9's JDBC path, seven threads on five connections, came to 132 % of the floor.
   */
  private double tps(String script, int clients, String options) throws Exception {
    Path file = Files.createTempFile("inkwell-pgbench", ".sql");
    try {
      Files.writeString(file, script, StandardCharsets.UTF_8);
      ProcessBuilder pb = new ProcessBuilder(binary, "-n", "-M", mode, "-c", Integer.toString(clients),
          "-j", Integer.toString(clients), "-T", Integer.toString(SECONDS), "-f", file.toString(),
          "-h", host, "-p", port, "-U", user, database)
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
      return Double.parseDouble(m.group(1));
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
