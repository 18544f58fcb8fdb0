package dev.inkwell.migrations.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * DB9's cap on rows per DML statement (10,000 by default), emulated on PostgreSQL: statement-level
 * triggers on users, posts and embeddings count the rows a statement inserted, updated or deleted
 * (its transition table) and raise SQLSTATE 54000 above the cap. The cap applies only in sessions or
 * transactions that set {@code inkwell.dml_cap} ({@link #SET_LOCAL}); run {@link #install()} and the
 * test inside one transaction that is rolled back, and nothing outlives the test.
 */
public final class DmlCap {

  public static final int DB9_DEFAULT = 10_000;

  /** Turns the cap on for the current transaction. */
  public static final String SET_LOCAL = "SET LOCAL inkwell.dml_cap = " + DB9_DEFAULT;

  private static final List<String> TABLES = List.of("users", "posts", "embeddings");

  private DmlCap() {
  }

  /**
   * Installs the triggers and turns the cap on, all inside the caller's current transaction (each
   * statement given to {@code execute}): rolled back with it, nothing outlives the test.
   */
  public static void capThisTransaction(java.util.function.Consumer<String> execute) {
    install().forEach(execute);
    execute.accept(SET_LOCAL);
  }

  /** The function and one trigger per table and event (a transition table allows one event each). */
  public static List<String> install() {
    return install("nullif(current_setting('inkwell.dml_cap', true), '')::int");
  }

  /** As {@link #install()}, always on: for code that opens its own transactions (the compat suite). */
  public static List<String> installAlwaysOn() {
    return install(String.valueOf(DB9_DEFAULT));
  }

  /** Statements that drop what {@link #install()} created in the current schema. */
  public static List<String> uninstall() {
    List<String> sql = new ArrayList<>();
    for (String table : TABLES) {
      for (String event : List.of("insert", "update", "delete")) {
        sql.add("DROP TRIGGER IF EXISTS dml_cap_" + event + " ON " + table);
      }
    }
    return sql;
  }

  private static List<String> install(String cap) {
    List<String> sql = new ArrayList<>();
    sql.add("""
        CREATE OR REPLACE FUNCTION inkwell_test_dml_cap() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
          cap int := CAP_EXPRESSION;
          n bigint;
        BEGIN
          IF cap IS NULL THEN
            RETURN NULL;
          END IF;
          IF TG_OP = 'DELETE' THEN
            SELECT count(*) INTO n FROM changed_before;
          ELSE
            SELECT count(*) INTO n FROM changed_after;
          END IF;
          IF n > cap THEN
            RAISE EXCEPTION 'DML statement touched % rows of %, over the cap of %', n, TG_TABLE_NAME, cap
              USING ERRCODE = '54000';
          END IF;
          RETURN NULL;
        END $$""".replace("CAP_EXPRESSION", cap));
    for (String table : TABLES) {
      sql.add("CREATE TRIGGER dml_cap_insert AFTER INSERT ON " + table
          + " REFERENCING NEW TABLE AS changed_after FOR EACH STATEMENT EXECUTE FUNCTION inkwell_test_dml_cap()");
      sql.add("CREATE TRIGGER dml_cap_update AFTER UPDATE ON " + table
          + " REFERENCING NEW TABLE AS changed_after FOR EACH STATEMENT EXECUTE FUNCTION inkwell_test_dml_cap()");
      sql.add("CREATE TRIGGER dml_cap_delete AFTER DELETE ON " + table
          + " REFERENCING OLD TABLE AS changed_before FOR EACH STATEMENT EXECUTE FUNCTION inkwell_test_dml_cap()");
    }
    return sql;
  }
}
