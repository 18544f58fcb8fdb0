package dev.inkwell.app.database;

import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The password file, re-read for every new physical connection. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.flyway.enabled=false", "inkwell.security.token=rotor-token", "spring.datasource.password=not-this-one"})
class RotatingPasswordFileTest extends RotatingPasswordContract {

  static final String ROLE = "inkwell_rotor_file";
  static final Path FILE = createRole(ROLE);

  @DynamicPropertySource
  static void credentials(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.username", () -> ROLE);
    registry.add("inkwell.datasource.password-file", FILE::toString);
  }

  RotatingPasswordFileTest() {
    super(ROLE, FILE);
  }
}
