package dev.inkwell;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.inkwell.app.cli.Cli;
import dev.inkwell.app.search.ReindexCommand;

/**
 * Inkwell. Sits in the base package so that component and {@code @Mapper} scanning reach every
 * module with no extra wiring.
 */
@SpringBootApplication
public class Application {

  /** Runs the service, or a command of the jar ({@code dev-token}, {@code reindex}, {@code --help}: see Cli). */
  public static void main(String[] args) throws Exception {
    int exit = Cli.run(args, System.out, System.err);
    if (exit == Cli.REINDEX) {
      System.exit(reindex(Arrays.copyOfRange(args, 1, args.length)));
    }
    if (exit != Cli.SERVE) {
      System.exit(exit);
    }
    SpringApplication.run(Application.class, args);
  }

  /**
   * The service's context without its web server and background worker, for {@code reindex} (the
   * worker is turned off as a command-line property: it outranks application.yml, defaults do not).
   */
  static int reindex(String[] properties) {
    String[] args = Arrays.copyOf(properties, properties.length + 1);
    args[properties.length] = "--inkwell.search.worker.enabled=false";
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
        .web(WebApplicationType.NONE).logStartupInfo(false).run(args)) {
      return ReindexCommand.run(context, System.out, System.err);
    }
  }
}
