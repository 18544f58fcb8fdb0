package dev.inkwell;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import dev.inkwell.app.compat.CompatCommand;

/**
 * Inkwell. Sits in the base package so that component and {@code @Mapper} scanning reach every
 * module with no extra wiring.
 */
@SpringBootApplication
public class Application {

  /** Runs the service; {@code compat} as first argument runs the compatibility suite instead. */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("compat")) {
      System.exit(CompatCommand.run(args, System.out, System.err));
    }
    SpringApplication.run(Application.class, args);
  }
}
