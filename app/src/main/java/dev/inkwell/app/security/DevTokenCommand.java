package dev.inkwell.app.security;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * {@code java -jar inkwell.jar dev-token}: a signed JWT for trying JWT mode without an identity
 * provider. The RSA key pair lives in a folder of the caller's (created on first use); the service
 * verifies with its public half through Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.public-key-location}.
 */
public final class DevTokenCommand {

  public static final String ISSUER = "inkwell-dev-token";

  private DevTokenCommand() {
  }

  public static int run(List<String> options, PrintStream out, PrintStream err) throws Exception {
    String subject = option(options, "--subject", "dev");
    String scope = option(options, "--scope", Scopes.READ + " " + Scopes.WRITE);
    long minutes;
    try {
      minutes = Long.parseLong(option(options, "--minutes", "60"));
    } catch (NumberFormatException e) {
      err.println("inkwell: --minutes takes a whole number of minutes, got '" + option(options, "--minutes", "") + "'");
      return 2;
    }
    Path keys = Path.of(option(options, "--key-dir", ".inkwell-jwt"));
    KeyPair pair = keyPair(keys, err);
    out.println(sign((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate(), subject, scope,
        Instant.now(), Duration.ofMinutes(minutes)));
    err.println("start the service in JWT mode with --spring.security.oauth2.resourceserver.jwt.public-key-location=file:"
        + keys.resolve("public.pem").toAbsolutePath());
    return 0;
  }

  /** A JWT (RS256) for {@code subject} with a space-separated {@code scope} claim, valid from {@code issuedAt} for {@code lifetime}. */
  public static String sign(RSAPublicKey publicKey, RSAPrivateKey privateKey, String subject, String scope,
      Instant issuedAt, Duration lifetime) {
    NimbusJwtEncoder encoder = NimbusJwtEncoder.withKeyPair(publicKey, privateKey).build();
    JwtClaimsSet claims = JwtClaimsSet.builder().issuer(ISSUER).subject(subject).claim("scope", scope)
        .issuedAt(issuedAt).expiresAt(issuedAt.plus(lifetime)).build();
    return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
        .getTokenValue();
  }

  private static KeyPair keyPair(Path dir, PrintStream err) throws Exception {
    Path privatePem = dir.resolve("private.pem");
    Path publicPem = dir.resolve("public.pem");
    KeyFactory rsa = KeyFactory.getInstance("RSA");
    if (Files.exists(privatePem) && Files.exists(publicPem)) {
      return new KeyPair(rsa.generatePublic(new X509EncodedKeySpec(der(publicPem))),
          rsa.generatePrivate(new PKCS8EncodedKeySpec(der(privatePem))));
    }
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    Files.createDirectories(dir);
    Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    privatePem.toFile().setReadable(false, false);
    privatePem.toFile().setReadable(true, true);
    err.println("new development key pair in " + dir.toAbsolutePath());
    return pair;
  }

  public static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static byte[] der(Path pem) throws Exception {
    return Base64.getMimeDecoder().decode(Files.readString(pem).replaceAll("-----[A-Z ]+-----", ""));
  }

  private static String option(List<String> options, String name, String fallback) {
    int i = options.indexOf(name);
    return i >= 0 && i + 1 < options.size() ? options.get(i + 1) : fallback;
  }
}
