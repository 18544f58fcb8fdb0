package dev.inkwell.app.pooler;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

import dev.inkwell.migrations.testing.TestDatabaseSettings;

/**
 * The service connected through the project's PgBouncer in transaction mode ({@code scripts/db.sh
 * pooler start}, port 54339; {@code INKWELL_TEST_POOLER_URL} names another), with
 * {@code inkwell.datasource.pooler=transaction}. The project's PgBouncer hands its server connections
 * out in turn ({@code server_round_robin}), so consecutive transactions of one pooled connection land
 * on different server connections.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(properties = {
    "spring.datasource.url=${INKWELL_TEST_POOLER_URL:" + TestDatabaseSettings.POOLER_URL + "}",
    "inkwell.datasource.pooler=transaction",
    "spring.datasource.hikari.maximum-pool-size=10"})
public @interface ThroughTransactionPooler {
}
