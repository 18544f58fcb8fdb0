package dev.inkwell.app.database;

import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The password command, kept for an hour: only the refresh after the server's 28P01 can pick up a
 * new password within this test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.flyway.enabled=false", "inkwell.security.token=rotor-token", "inkwell.datasource.password-refresh=1h"})
class RotatingPasswordCommandTest extends RotatingPasswordContract {

  static final String ROLE = "inkwell_rotor_command";
  static final Path FILE = createRole(ROLE);

  @DynamicPropertySource
  static void credentials(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.username", () -> ROLE);
    registry.add("inkwell.datasource.password-command", () -> "cat '" + FILE + "'");
  }

  RotatingPasswordCommandTest() {
    super(ROLE, FILE);
  }
}
