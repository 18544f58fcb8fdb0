package dev.inkwell.compat;

import static dev.inkwell.compat.Expect.equal;
import static dev.inkwell.compat.Expect.that;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.flywaydb.core.api.MigrationInfo;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The guide's raw-SQL migrations: Inkwell's Flyway scripts on the run's empty schema. */
final class DdlChecks {

  static final String CATEGORY = "DDL operations";

  private DdlChecks() {
  }

  private static Check check(String name, Check.Body body) {
    return new Check(CATEGORY, name, true, body);
  }

  static Resource[] scripts() throws Exception {
    Resource[] scripts = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/V*.sql");
    Arrays.sort(scripts, (a, b) -> String.valueOf(a.getFilename()).compareTo(String.valueOf(b.getFilename())));
    return scripts;
  }

  private static int phoneColumns(CompatContext ctx) {
    return ctx.jdbc.queryForObject("SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass(?) AND attname = 'phone' "
        + "AND NOT attisdropped", Integer.class, "\"" + ctx.schema + "\".users");
  }

  static List<Check> all() {
    return List.of(
        check("the migrations applied to the run's empty schema", ctx -> {
          MigrationInfo[] applied = ctx.flyway.info().applied();
          equal(applied.length, scripts().length, "applied migrations");
          that(Arrays.stream(applied).allMatch(m -> m.getState().isApplied() && !m.getState().isFailed()), "a migration failed");
          return Outcome.pass();
        }),
        check("migrating again applies nothing", ctx -> {
          equal(ctx.flyway.migrate().migrationsExecuted, 0, "migrations executed");
          return Outcome.pass();
        }),
        check("every script runs again cleanly (IF NOT EXISTS)", ctx -> {
          for (Resource script : scripts()) {
            try (InputStream in = script.getInputStream()) {
              ctx.jdbc.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
          }
          return Outcome.pass();
        }),
        check("ALTER TABLE users ADD COLUMN IF NOT EXISTS phone TEXT (guide)", ctx -> {
          ctx.jdbc.execute("ALTER TABLE users DROP COLUMN phone"); // the check is rolled back: the column returns
          equal(phoneColumns(ctx), 0, "phone columns before");
          ctx.jdbc.execute("ALTER TABLE users ADD COLUMN IF NOT EXISTS phone TEXT");
          ctx.jdbc.execute("ALTER TABLE users ADD COLUMN IF NOT EXISTS phone TEXT");
          equal(phoneColumns(ctx), 1, "phone columns");
          return Outcome.pass();
        }),
        check("CREATE INDEX IF NOT EXISTS idx_users_age ON users (age) (guide)", ctx -> {
          ctx.jdbc.execute("DROP INDEX idx_users_age"); // the check is rolled back: the index returns
          equal(ctx.jdbc.queryForObject("SELECT count(*) FROM pg_indexes WHERE schemaname = ? AND indexname = 'idx_users_age'",
              Integer.class, ctx.schema), 0, "indexes before");
          ctx.jdbc.execute("CREATE INDEX IF NOT EXISTS idx_users_age ON users (age)");
          ctx.jdbc.execute("CREATE INDEX IF NOT EXISTS idx_users_age ON users (age)");
          equal(ctx.jdbc.queryForObject("SELECT count(*) FROM pg_indexes WHERE schemaname = ? AND indexname = 'idx_users_age'",
              Integer.class, ctx.schema), 1, "indexes");
          return Outcome.pass();
        }),
        check("the guide's tables and columns exist (catalog)", ctx -> {
          List<String> columns = ctx.jdbc.queryForList("SELECT c.relname || '.' || a.attname FROM pg_attribute a "
              + "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
              + "WHERE n.nspname = ? AND c.relname IN ('users', 'posts', 'tags', 'post_tags', 'embeddings') AND a.attnum > 0 "
              + "AND NOT a.attisdropped ORDER BY c.relname, a.attnum", String.class, ctx.schema);
          // posts: the guide's 7 and search_text (generated, for full-text search).
          equal(columns.size(), 10 + 8 + 2 + 4 + 3, "columns");
          that(columns.containsAll(List.of("users.isActive", "posts.authorId", "post_tags.postId", "post_tags.tagId")), "camelCase columns");
          return Outcome.pass();
        }),
        check("information_schema describes the tables (what sequelize.sync() relies on)", ctx -> {
          Integer seen = ctx.jdbc.queryForObject("SELECT count(*) FROM information_schema.columns WHERE table_schema = ? AND table_name = 'users'",
              Integer.class, ctx.schema);
          return seen != null && seen == 10 ? Outcome.pass()
              : Outcome.note("information_schema.columns lists " + seen + " of users' 10 columns: use raw DDL, not sync()");
        }),
        check("no IVFFlat index is created", ctx -> {
          equal(ctx.jdbc.queryForObject("SELECT count(*) FROM pg_indexes WHERE schemaname = ? AND indexdef LIKE '%ivfflat%'",
              Integer.class, ctx.schema), 0, "IVFFlat indexes");
          return Outcome.pass();
        }));
  }
}
