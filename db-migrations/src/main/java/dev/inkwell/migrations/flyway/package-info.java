/**
 * Flyway on PostgreSQL-compatible servers without advisory locks (DB9's migration guide lists them
 * as unsupported): a Flyway database-type plugin that, only where the lock function fails, locks the
 * schema history table the way Flyway's own CockroachDB support does, with Flyway's
 * {@code InsertRowLock} (a lock row in the history table, held inside the migration's transaction).
 * Registered in {@code META-INF/services/org.flywaydb.core.extensibility.Plugin}.
 */
package dev.inkwell.migrations.flyway;
