package dev.inkwell.migrations.testing;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;

/**
 * Points a test slice at the real PostgreSQL and migrates it with the scripts of this module.
 *
 * <p>The database is whatever {@code spring.datasource.*} names (so {@code SPRING_DATASOURCE_URL} and
 * friends point the suite at any PostgreSQL-compatible server); without settings it is the
 * {@code inkwell_test} database of the project-local cluster that {@code scripts/db.sh} starts, as
 * {@code config/test-database.yml} of this test-jar says. Use it with
 * {@code @AutoConfigureTestDatabase(replace = NONE)} so no embedded database takes its place.
 */
@TestConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration(FlywayAutoConfiguration.class)
public class PostgresTestDatabase {
}
