package dev.inkwell.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.migrations.flyway.Migrations;
import dev.inkwell.migrations.testing.PostgresTestDatabase;
import dev.inkwell.migrations.testing.ScratchDatabase;

/**
 * The migrations on databases of their own: an empty one, and one that an application following the
 * guide already created with its setup.ts (and filled), which must migrate without losing a row.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(PostgresTestDatabase.class)
class GuideDatabaseMigrationTest {

  /** The guide's setup.ts DDL, statement for statement. */
  private static final List<String> GUIDE_SETUP = List.of("""
      CREATE TABLE IF NOT EXISTS users (
      id SERIAL PRIMARY KEY,
      email VARCHAR(255) UNIQUE NOT NULL,
      name VARCHAR(100) NOT NULL,
      age INT DEFAULT 0,
      "isActive" BOOLEAN DEFAULT true,
      bio TEXT,
      metadata JSONB,
      "createdAt" TIMESTAMPTZ DEFAULT now(),
      "updatedAt" TIMESTAMPTZ DEFAULT now()
      )""", """
      CREATE TABLE IF NOT EXISTS posts (
      id SERIAL PRIMARY KEY,
      title VARCHAR(500) NOT NULL,
      content TEXT NOT NULL,
      published BOOLEAN DEFAULT false,
      "authorId" INT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      "createdAt" TIMESTAMPTZ DEFAULT now(),
      "updatedAt" TIMESTAMPTZ DEFAULT now()
      )""", """
      CREATE TABLE IF NOT EXISTS tags (
      id SERIAL PRIMARY KEY,
      name VARCHAR(100) UNIQUE NOT NULL
      )""", """
      CREATE TABLE IF NOT EXISTS post_tags (
      "postId" INT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
      "tagId" INT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
      "createdAt" TIMESTAMPTZ DEFAULT now(),
      "updatedAt" TIMESTAMPTZ DEFAULT now(),
      PRIMARY KEY ("postId", "tagId")
      )""", """
      CREATE TABLE IF NOT EXISTS embeddings (
      id SERIAL PRIMARY KEY,
      name VARCHAR(100) NOT NULL,
      embedding vector(3) NOT NULL
      )""",
      "CREATE INDEX IF NOT EXISTS idx_embeddings ON embeddings USING hnsw (embedding vector_l2_ops)");

  @Value("${spring.datasource.url}")
  String url;
  @Value("${spring.datasource.username}")
  String username;
  @Value("${spring.datasource.password}")
  String password;

  private static Flyway flyway(ScratchDatabase db) {
    return Flyway.configure()
        .dataSource(db.dataSource())
        .locations("classpath:db/migration")
        .placeholders(Migrations.DEFAULT_PLACEHOLDERS)
        .baselineOnMigrate(true)
        .load();
  }

  private static List<String> migrationFiles() {
    return List.of(new java.io.File("src/main/resources/db/migration").list()).stream().sorted().toList();
  }

  @Test
  void emptyDatabaseGetsEveryScriptOnceAndASecondRunAppliesNothing() throws Exception {
    try (ScratchDatabase db = ScratchDatabase.create(url, username, password, "inkwell_mig")) {
      MigrateResult first = flyway(db).migrate();
      MigrateResult second = flyway(db).migrate();

      assertThat(first.migrationsExecuted).isEqualTo(migrationFiles().size());
      assertThat(second.migrationsExecuted).isZero();
    }
  }

  @Test
  void databaseCreatedByTheGuidesSetupMigratesAndKeepsItsRows() throws Exception {
    try (ScratchDatabase db = ScratchDatabase.create(url, username, password, "inkwell_guide")) {
      JdbcClient guide = JdbcClient.create(db.dataSource());
      GUIDE_SETUP.forEach(ddl -> guide.sql(ddl).update());
      guide.sql("INSERT INTO users (email, name, age) VALUES ('alice@example.com', 'Alice', 30)").update();
      guide.sql("INSERT INTO posts (title, content, \"authorId\") VALUES ('Hello', 'World', 1)").update();

      MigrateResult result = flyway(db).migrate();

      assertThat(result.success).isTrue();
      assertThat(result.migrationsExecuted).isEqualTo(migrationFiles().size());
      assertThat(guide.sql("SELECT email || ':' || age || ':' || (phone IS NULL) FROM users").query(String.class).list())
          .containsExactly("alice@example.com:30:true");
      assertThat(guide.sql("SELECT count(*) FROM posts").query(Integer.class).single()).isEqualTo(1);
      assertThat(guide.sql("""
              SELECT indexname FROM pg_indexes
              WHERE indexname IN ('idx_users_age', 'idx_embeddings', 'idx_embeddings_cosine', 'idx_embeddings_ip')
              ORDER BY indexname""").query(String.class).list())
          .containsExactly("idx_embeddings", "idx_embeddings_cosine", "idx_embeddings_ip", "idx_users_age");
      assertThat(flyway(db).migrate().migrationsExecuted).isZero();
    }
  }
}
