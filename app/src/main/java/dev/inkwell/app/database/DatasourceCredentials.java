package dev.inkwell.app.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariCredentialsProvider;
import com.zaxxer.hikari.util.Credentials;

/**
 * The password for every new physical connection, asked for by HikariCP each time it opens one: a
 * literal ({@code spring.datasource.password}), a file re-read on every connection
 * ({@code inkwell.datasource.password-file}: a Kubernetes secret, a sidecar's token file), or a
 * command's standard output ({@code inkwell.datasource.password-command}: a CLI that mints a DB9
 * connect token), kept until {@code inkwell.datasource.password-refresh} has passed. After an
 * authentication failure (28P01) the next connection asks again at once ({@link #refresh()}).
 *
 * <p>No message of this class contains the password or the command's output.
 */
public final class DatasourceCredentials implements HikariCredentialsProvider {

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final String username;
  private final String literal;
  private final Path file;
  private final String command;
  private final Duration refreshEvery;
  private final Clock clock;
  private String cached;
  private Instant cachedAt;

  public DatasourceCredentials(String username, String literal, Path file, String command, Duration refreshEvery,
      Clock clock) {
    if (file != null && command != null) {
      throw new IllegalArgumentException("set inkwell.datasource.password-file or inkwell.datasource.password-command, not both");
    }
    this.username = username;
    this.literal = literal;
    this.file = file;
    this.command = command;
    this.refreshEvery = refreshEvery;
    this.clock = clock;
  }

  /** Where the password comes from, for one log line ("a file, re-read for every connection"). */
  public String source() {
    return file != null ? "the file " + file + ", re-read for every new connection"
        : command != null ? "a command, run again every " + refreshEvery + " and after an authentication failure"
        : "spring.datasource.password";
  }

  public boolean rotates() {
    return file != null || command != null;
  }

  @Override
  public Credentials getCredentials() {
    return new Credentials(username, password());
  }

  synchronized String password() {
    if (file != null) {
      return readFile();
    }
    if (command == null) {
      return literal;
    }
    Instant now = clock.instant();
    if (cached == null || !now.isBefore(cachedAt.plus(refreshEvery))) {
      cached = runCommand();
      cachedAt = now;
    }
    return cached;
  }

  /** The server refused the password: the next connection gets a fresh one. */
  public synchronized void refresh() {
    cached = null;
  }

  private String readFile() {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read inkwell.datasource.password-file " + file + ": " + e.getClass().getSimpleName());
    }
  }

  private String runCommand() {
    try {
      Process process = new ProcessBuilder("/bin/sh", "-c", command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("inkwell.datasource.password-command did not finish within " + COMMAND_TIMEOUT);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("inkwell.datasource.password-command exited with " + process.exitValue());
      }
      return new String(out, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run inkwell.datasource.password-command: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running inkwell.datasource.password-command");
    }
  }
}
