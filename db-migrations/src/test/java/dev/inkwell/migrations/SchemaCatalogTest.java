package dev.inkwell.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace.NONE;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.migrations.testing.PostgresTestDatabase;

/** The migrated schema, read back from the catalog: the guide's tables exactly as its setup.ts makes them. */
@JdbcTest
@AutoConfigureTestDatabase(replace = NONE)
@Import(PostgresTestDatabase.class)
class SchemaCatalogTest {

  @Autowired
  JdbcClient jdbc;

  /** "column type nullable default" per column, in table order. */
  private List<String> columns(String table) {
    return jdbc.sql("""
            SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                   || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
                   || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
            FROM pg_attribute a
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = to_regclass(:table) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum""")
        .param("table", table)
        .query(String.class)
        .list();
  }

  private List<String> constraints(String table) {
    return jdbc.sql("""
            SELECT pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            WHERE c.conrelid = to_regclass(:table)
            ORDER BY pg_get_constraintdef(c.oid)""")
        .param("table", table)
        .query(String.class)
        .list();
  }

  @Test
  void usersHasTheGuidesColumnsPlusPhone() {
    assertThat(columns("users")).containsExactly(
        "id integer NOT NULL DEFAULT nextval('users_id_seq'::regclass)",
        "email character varying(255) NOT NULL",
        "name character varying(100) NOT NULL",
        "age integer DEFAULT 0",
        "isActive boolean DEFAULT true",
        "bio text",
        "metadata jsonb",
        "createdAt timestamp with time zone DEFAULT now()",
        "updatedAt timestamp with time zone DEFAULT now()",
        "phone text");
    assertThat(constraints("users")).containsExactly("PRIMARY KEY (id)", "UNIQUE (email)");
  }

  @Test
  void postsBelongToUsersWithCascadePlusTheirSearchText() {
    assertThat(columns("posts")).containsExactly(
        "id integer NOT NULL DEFAULT nextval('posts_id_seq'::regclass)",
        "title character varying(500) NOT NULL",
        "content text NOT NULL",
        "published boolean DEFAULT false",
        "authorId integer NOT NULL",
        "createdAt timestamp with time zone DEFAULT now()",
        "updatedAt timestamp with time zone DEFAULT now()",
        "search_text tsvector DEFAULT to_tsvector('english'::regconfig, (((title)::text || ' '::text) || content))");
    assertThat(jdbc.sql("SELECT attgenerated FROM pg_attribute WHERE attrelid = 'posts'::regclass AND attname = 'search_text'")
        .query(String.class).single()).isEqualTo("s");
    assertThat(jdbc.sql("SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_posts_search_text'").query(String.class).single())
        .endsWith("ON public.posts USING gin (search_text)");
    assertThat(constraints("posts")).containsExactly(
        "FOREIGN KEY (\"authorId\") REFERENCES users(id) ON DELETE CASCADE",
        "PRIMARY KEY (id)");
  }

  @Test
  void tagsHaveUniqueNamesAndNoTimestamps() {
    assertThat(columns("tags")).containsExactly(
        "id integer NOT NULL DEFAULT nextval('tags_id_seq'::regclass)",
        "name character varying(100) NOT NULL");
    assertThat(constraints("tags")).containsExactly("PRIMARY KEY (id)", "UNIQUE (name)");
  }

  @Test
  void postTagsLinksWithCompositeKeyAndCascades() {
    assertThat(columns("post_tags")).containsExactly(
        "postId integer NOT NULL",
        "tagId integer NOT NULL",
        "createdAt timestamp with time zone DEFAULT now()",
        "updatedAt timestamp with time zone DEFAULT now()");
    assertThat(constraints("post_tags")).containsExactly(
        "FOREIGN KEY (\"postId\") REFERENCES posts(id) ON DELETE CASCADE",
        "FOREIGN KEY (\"tagId\") REFERENCES tags(id) ON DELETE CASCADE",
        "PRIMARY KEY (\"postId\", \"tagId\")");
  }

  @Test
  void embeddingsHaveAThreeDimensionalVector() {
    assertThat(columns("embeddings")).containsExactly(
        "id integer NOT NULL DEFAULT nextval('embeddings_id_seq'::regclass)",
        "name character varying(100) NOT NULL",
        "embedding vector(3) NOT NULL");
    assertThat(jdbc.sql("SELECT count(*) FROM pg_extension WHERE extname = 'vector'").query(Integer.class).single())
        .isEqualTo(1);
  }

  @Test
  void hnswIndexesExistForTheThreeOperatorClasses() {
    Map<String, String> indexes = jdbc.sql("""
            SELECT indexname, indexdef FROM pg_indexes
            WHERE tablename = 'embeddings' AND indexdef LIKE '%USING hnsw%'""")
        .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
        .list().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

    assertThat(indexes).hasSize(3);
    assertThat(indexes.get("idx_embeddings")).endsWith("USING hnsw (embedding vector_l2_ops)");
    assertThat(indexes.get("idx_embeddings_cosine")).endsWith("USING hnsw (embedding vector_cosine_ops)");
    assertThat(indexes.get("idx_embeddings_ip")).endsWith("USING hnsw (embedding vector_ip_ops)");
  }

  @Test
  void postVectorsHaveOneTableAndCosineIndexPerModel() {
    assertThat(columns("post_vectors_minilm")).contains("embedding vector(384) NOT NULL");
    assertThat(columns("post_vectors_server")).contains("embedding vector(1024) NOT NULL");
    for (String table : List.of("post_vectors_minilm", "post_vectors_server")) {
      assertThat(constraints(table)).contains("FOREIGN KEY (post_id) REFERENCES posts(id) ON DELETE CASCADE");
      assertThat(jdbc.sql("SELECT indexdef FROM pg_indexes WHERE tablename = :t AND indexdef LIKE '%hnsw%'")
          .param("t", table).query(String.class).single()).endsWith("USING hnsw (embedding vector_cosine_ops)");
    }
  }

  @Test
  void usersAgeIsIndexed() {
    assertThat(jdbc.sql("SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_users_age'").query(String.class).single())
        .endsWith("ON public.users USING btree (age, id)");
  }

  /**
   * Every foreign key's columns lead some index: PostgreSQL indexes only the referenced side, so a
   * parent's children, and the cascade of deleting the parent, would otherwise read the whole table.
   */
  @Test
  void everyForeignKeyLeadsAnIndex() {
    String foreignKeys = """
        SELECT c.conrelid::regclass || ' ' || pg_get_constraintdef(c.oid)
        FROM pg_constraint c
        WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
        """;
    String unindexed = foreignKeys + """
          AND NOT EXISTS (SELECT 1 FROM pg_index i
                          WHERE i.indrelid = c.conrelid
                            AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] = c.conkey)""";

    assertThat(jdbc.sql(foreignKeys).query(String.class).list()).contains(
        "posts FOREIGN KEY (\"authorId\") REFERENCES users(id) ON DELETE CASCADE",
        "post_tags FOREIGN KEY (\"tagId\") REFERENCES tags(id) ON DELETE CASCADE");
    assertThat(jdbc.sql(unindexed).query(String.class).list()).isEmpty();
    assertThat(jdbc.sql("SELECT indexdef FROM pg_indexes WHERE indexname IN ('idx_posts_author_id', 'idx_post_tags_tag_id') ORDER BY 1")
        .query(String.class).list()).containsExactly(
            "CREATE INDEX idx_post_tags_tag_id ON public.post_tags USING btree (\"tagId\")",
            "CREATE INDEX idx_posts_author_id ON public.posts USING btree (\"authorId\")");
  }

  @Test
  void databaseFillsTheGuidesDefaults() {
    Map<String, Object> row = jdbc.sql("""
            INSERT INTO users (email, name) VALUES ('defaults@example.com', 'D')
            RETURNING age, "isActive", bio, metadata, "createdAt" IS NOT NULL AS stamped""")
        .query().singleRow();

    assertThat(row).containsEntry("age", 0).containsEntry("isActive", true)
        .containsEntry("bio", null).containsEntry("metadata", null).containsEntry("stamped", true);
  }
}
