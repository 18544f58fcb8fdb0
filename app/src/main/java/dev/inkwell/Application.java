package dev.inkwell;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import dev.inkwell.app.cli.Cli;

/**
 * Inkwell. Sits in the base package so that component and {@code @Mapper} scanning reach every
 * module with no extra wiring.
 */
@SpringBootApplication
public class Application {

  /** Runs the service, or a command of the jar ({@code dev-token}, {@code --help}: see Cli). */
  public static void main(String[] args) throws Exception {
    int exit = Cli.run(args, System.out, System.err);
    if (exit != Cli.SERVE) {
      System.exit(exit);
    }
    SpringApplication.run(Application.class, args);
  }
}
