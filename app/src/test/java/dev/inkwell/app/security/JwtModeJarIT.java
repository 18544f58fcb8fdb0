package dev.inkwell.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.inkwell.app.RawHttp;
import dev.inkwell.app.RunningJar;

/**
 * JWT mode end to end, as a newcomer tries it: {@code dev-token} makes a key pair and a token, the
 * packaged jar starts with the public key, listens beyond loopback (JWT mode counts as
 * authentication), and the token's scopes decide.
 */
class JwtModeJarIT {

  @Test
  void theDevTokenWorksAgainstThePackagedJar(@TempDir Path keys) throws Exception {
    String writer = devToken(keys, "--subject", "writer");
    String reader = devToken(keys, "--subject", "reader", "--scope", Scopes.READ);
    JdbcTemplate db = RunningJar.database();
    db.update("DELETE FROM users WHERE email = 'jwt@jar.test'");

    try (RunningJar jar = RunningJar.start("jwt-mode", "--server.address=0.0.0.0", "--inkwell.security.token=",
        "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + keys.resolve("public.pem"))) {
      String body = "{\"email\": \"jwt@jar.test\", \"name\": \"J\"}";
      assertThat(RawHttp.send(jar.port, "POST", "/api/users", body, null).status()).isEqualTo(401);
      assertThat(RawHttp.send(jar.port, "POST", "/api/users", body, reader).status()).isEqualTo(403);
      assertThat(RawHttp.send(jar.port, "POST", "/api;x/users", body, null).status()).isEqualTo(400);
      assertThat(RawHttp.send(jar.port, "POST", "/%61pi/users", body, null).status()).isEqualTo(401);
      assertThat(db.queryForObject("SELECT count(*) FROM users WHERE email = 'jwt@jar.test'", Integer.class)).isZero();

      assertThat(RawHttp.send(jar.port, "POST", "/api/users", body, writer).status()).isEqualTo(201);
      assertThat(RawHttp.send(jar.port, "GET", "/api/users?email=jwt@jar.test", null, null).body()).contains("jwt@jar.test");
      assertThat(Files.readString(jar.log())).doesNotContain(writer).doesNotContain(reader);
    }
  }

  /** {@code java -jar target/inkwell.jar dev-token --key-dir KEYS OPTIONS}: its standard output. */
  private static String devToken(Path keys, String... options) throws Exception {
    List<String> arguments = new ArrayList<>(List.of("dev-token", "--key-dir", keys.toString()));
    arguments.addAll(List.of(options));
    RunningJar.Command run = RunningJar.command(arguments.toArray(String[]::new));
    assertThat(run.exit()).isZero();
    return run.out().trim();
  }
}
