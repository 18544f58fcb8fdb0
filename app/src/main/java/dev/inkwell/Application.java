package dev.inkwell;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import dev.inkwell.app.compat.CompatCommand;
import dev.inkwell.app.load.LoadCommand;

/**
 * Inkwell. Sits in the base package so that component and {@code @Mapper} scanning reach every
 * module with no extra wiring.
 */
@SpringBootApplication
public class Application {

  /**
   * Runs the service; as first argument {@code compat} runs the compatibility suite and {@code load}
   * the load generator instead.
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("compat")) {
      System.exit(CompatCommand.run(args, System.out, System.err));
    }
    if (args.length > 0 && args[0].equals("load")) {
      System.exit(LoadCommand.run(args, System.out));
    }
    SpringApplication.run(Application.class, args);
  }
}
