package dev.inkwell.app.replicas;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.TestPropertySource;

import dev.inkwell.migrations.testing.TestDatabaseSettings;

/**
 * The service with the project's hot standby as its read replica ({@code INKWELL_TEST_REPLICA_URL}
 * names another), started first if it is not running ({@code scripts/db.sh replica start}, idempotent).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(WithLocalReplica.StandbyRunning.class)
@TestPropertySource(properties = "inkwell.datasource.replica.url=${INKWELL_TEST_REPLICA_URL:" + TestDatabaseSettings.REPLICA_URL + "}")
public @interface WithLocalReplica {

  /** Before the test class's Spring context exists. */
  final class StandbyRunning implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      LocalReplica.script("start");
    }
  }
}
