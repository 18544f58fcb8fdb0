package dev.inkwell.app.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;

/** An RSA key pair made for one test run, its public half as a PEM file, and JWTs signed with it. */
final class DevKeys {

  final KeyPair pair;
  final Path publicPem;

  private DevKeys(KeyPair pair, Path publicPem) {
    this.pair = pair;
    this.publicPem = publicPem;
  }

  static DevKeys generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      Path pem = Files.createTempFile("inkwell-jwt-public", ".pem");
      pem.toFile().deleteOnExit();
      Files.writeString(pem, DevTokenCommand.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
      return new DevKeys(pair, pem);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  String token(String scope) {
    return token(scope, Instant.now(), Duration.ofMinutes(10));
  }

  String token(String scope, Instant issuedAt, Duration lifetime) {
    return DevTokenCommand.sign((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate(), "tester", scope,
        issuedAt, lifetime);
  }
}
