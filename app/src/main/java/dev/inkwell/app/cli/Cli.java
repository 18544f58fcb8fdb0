package dev.inkwell.app.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

import dev.inkwell.app.security.DevTokenCommand;

/**
 * The service jar's command line: the service (default) and {@code dev-token}, each with
 * {@code --help}. Unknown options are an error (exit code 2), not silently ignored. The compatibility
 * suite and the load generator are jars of their own (modules {@code compat} and {@code load}).
 */
public final class Cli {

  /** Returned by {@link #run} when the service itself should start. */
  public static final int SERVE = -1;
  /** Returned by {@link #run} for {@code reindex}: the application starts without its web server. */
  public static final int REINDEX = -2;

  static final String USAGE = """
      Usage: java -jar inkwell.jar [COMMAND] [OPTIONS]

      Commands:
        (none)    run the service (HTTP on server.port, 8080)
        dev-token print a signed JWT for trying JWT mode without an identity provider
        reindex   (re)embed every post for semantic search, with a progress bar; resumes if stopped

      Service options are Spring Boot properties: --name=value, e.g.
        --server.port=9090  --spring.datasource.url=jdbc:postgresql://host:5432/db
        --inkwell.db9.database=NAME --inkwell.db9.password=...  --inkwell.security.token=...
      Run 'java -jar inkwell.jar COMMAND --help' for a command's options. The compatibility suite and
      the load generator are jars of their own: inkwell-compat.jar, inkwell-load.jar (each has --help).
      """;

  static final String DEV_TOKEN_USAGE = """
      Usage: java -jar inkwell.jar dev-token [--subject NAME] [--scope "SCOPES"] [--minutes N] [--key-dir DIR]

      Prints a JWT signed with a development RSA key pair (created in DIR on first use) and, on
      standard error, the property that starts the service in JWT mode with its public key.
        --subject NAME  the token's subject (default dev)
        --scope SCOPES  space-separated scopes (default "inkwell.read inkwell.write")
        --minutes N     lifetime (default 60)
        --key-dir DIR   where the key pair lives (default .inkwell-jwt)
      Exit code: 0, or 2 for bad options.
      """;

  static final String REINDEX_USAGE = """
      Usage: java -jar inkwell.jar reindex [--name=value ...]

      Embeds every post again with the configured provider (inkwell.search.embedder) into its vector
      table, showing progress; search keeps working meanwhile. Stopped midway, the next reindex resumes
      with the posts not yet embedded since the first one started. Takes the service's properties
      (datasource, inkwell.search.*). Exit code: 0, 1 when embedding failed, 2 for bad options.
      """;

  private Cli() {
  }

  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    String command = args.length > 0 && !args[0].startsWith("-") ? args[0] : "";
    List<String> options = List.of(args).subList(command.isEmpty() ? 0 : 1, args.length);
    String usage = switch (command) {
      case "" -> USAGE;
      case "dev-token" -> DEV_TOKEN_USAGE;
      case "reindex" -> REINDEX_USAGE;
      default -> null;
    };
    if (usage == null) {
      return fail(err, "unknown command '" + command + "'", USAGE);
    }
    if (options.contains("--help") || options.contains("-h")) {
      out.print(usage);
      return 0;
    }
    String bad = switch (command) {
      case "dev-token" -> firstUnknown(options, Set.of("--subject", "--scope", "--minutes", "--key-dir"), false);
      default -> firstUnknown(options, Set.of(), true);
    };
    if (bad != null) {
      return fail(err, "unknown or incomplete option '" + bad + "'", usage);
    }
    return switch (command) {
      case "dev-token" -> DevTokenCommand.run(options, out, err);
      case "reindex" -> REINDEX;
      default -> SERVE;
    };
  }

  /** The first option that is neither one of {@code withValue} (followed by a value) nor a --name=value property. */
  public static String firstUnknown(List<String> options, Set<String> withValue, boolean properties) {
    for (int i = 0; i < options.size(); i++) {
      String option = options.get(i);
      if (withValue.contains(option)) {
        if (i + 1 >= options.size()) {
          return option;
        }
        i++;
      } else if (!(properties && option.matches("--[A-Za-z0-9][A-Za-z0-9._\\-\\[\\]]*=.*"))) {
        return option;
      }
    }
    return null;
  }

  /** Prints {@code inkwell: message} and the usage on standard error; exit code 2. */
  public static int fail(PrintStream err, String message, String usage) {
    err.println("inkwell: " + message);
    err.print(usage);
    return 2;
  }
}
