package dev.inkwell.bench;

import static dev.inkwell.posts.PostFields.POSTS;
import static dev.inkwell.users.UserFields.USERS;
import static dev.inkwell.vectors.EmbeddingFields.EMBEDDINGS;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import com.pgvector.PGvector;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.reflection.factory.DefaultObjectFactory;
import org.apache.ibatis.reflection.factory.ObjectFactory;
import org.apache.ibatis.session.SqlSessionFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.inkwell.app.database.PoolerMode;
import dev.inkwell.app.users.UserUseCases;
import dev.inkwell.app.vectors.EmbeddingUseCases;
import dev.inkwell.app.web.RequestAdmission;
import dev.inkwell.posts.NewPost;
import dev.inkwell.posts.Post;
import dev.inkwell.posts.UserPostsInclude;
import dev.inkwell.posts.UserWithPosts;
import dev.inkwell.posts.internal.PostRow;
import dev.inkwell.query.FindOptions;
import dev.inkwell.query.OnConflict;
import dev.inkwell.query.Op;
import dev.inkwell.query.Page;
import dev.inkwell.query.Paging;
import dev.inkwell.query.Sort;
import dev.inkwell.query.Where;
import dev.inkwell.tags.Tag;
import dev.inkwell.users.NewUser;
import dev.inkwell.users.User;
import dev.inkwell.users.internal.UserBatch;
import dev.inkwell.users.internal.UserRow;
import dev.inkwell.vectors.Metric;
import dev.inkwell.vectors.NewEmbedding;
import dev.inkwell.vectors.VectorSearch;
import dev.inkwell.vectors.internal.SqlVectorSearch;

/**
 * W1..W9: each workload through what Inkwell's REST handlers call (the use cases, with their
 * transactions, or none for one-statement work, and the statement observer), then through plain JDBC
 * on the same pool with the very SQL MyBatis generated for it (taken from the mapped statement),
 * hand-written row reading and the same transactions, and, where the work is one statement or one
 * short transaction, through pgbench as the database's floor: the same statements, the same clients,
 * and BEGIN/COMMIT only where the use case has a transaction.
 */
@Component
class DataPathBench {

  private static final long SEED = 42;

  private final UserUseCases users;
  private final EmbeddingUseCases embeddings;
  private final JdbcTemplate jdbc;
  private final HikariDataSource pool;
  private final TransactionTemplate tx;
  private final SqlSessionFactory mybatis;
  private final MeterRegistry meters;
  /** inkwell.datasource.pooler=transaction: no session settings, the service sets them per statement. */
  private final boolean behindAPooler;
  private final PgBench pgbench;
  /** Unique keys for rows the workloads write (warm-up runs repeat operation indexes). */
  private final java.util.concurrent.atomic.AtomicInteger keys = new java.util.concurrent.atomic.AtomicInteger();

  DataPathBench(UserUseCases users, EmbeddingUseCases embeddings, JdbcTemplate jdbc,
      HikariDataSource pool, PlatformTransactionManager transactions, SqlSessionFactory mybatis, MeterRegistry meters,
      Environment env) {
    this.users = users;
    this.embeddings = embeddings;
    this.jdbc = jdbc;
    this.pool = pool;
    this.tx = new TransactionTemplate(transactions);
    this.mybatis = mybatis;
    this.meters = meters;
    this.behindAPooler = PoolerMode.of(env) == PoolerMode.TRANSACTION;
    this.pgbench = new PgBench(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
  }

  /** A full run first runs the quick one, unreported, so that both paths are measured warm (JIT). */
  Map<String, Object> run(boolean quick) throws Exception {
    if (!quick) {
      measure(true);
    }
    return measure(quick);
  }

  private static boolean wanted(String workload) {
    String only = System.getProperty("bench.only");
    return only == null || java.util.Arrays.stream(only.split(",")).anyMatch(workload::startsWith);
  }

  private Map<String, Object> measure(boolean quick) throws Exception {
    int scale = quick ? 20 : 1;
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("versions", Map.of(
        "java", System.getProperty("java.version"),
        // What the JVM was started with (scripts/bench.sh: the service's options, scripts/lib.sh).
        "jvmOptions", String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()),
        "jdbcDriver", org.postgresql.util.DriverInfo.DRIVER_VERSION,
        "postgres", jdbc.queryForObject("SHOW server_version", String.class),
        "pgvector", jdbc.queryForObject("SELECT extversion FROM pg_extension WHERE extname = 'vector'", String.class)));
    report.put("quick", quick);
    report.put("seed", SEED);
    report.put("pool", Map.of("maximumPoolSize", pool.getMaximumPoolSize()));
    report.put("pgbench", pgbench.available() ? "-M " + pgbench.mode() + ", clients as the workload, "
        + PgBench.SECONDS + " s in each round after both paths" : "not installed");
    report.put("rowObjects", rowObjects(quick ? 50_000 : 500_000));
    Map<String, Object> w = new LinkedHashMap<>();
    report.put("workloads", w);
    reset();
    if (wanted("W1")) {
      w.put("W1_create", create(5_000 / scale));
    }
    w.put("W2_bulkCreate", bulkCreate(200_000 / scale, 50_000 / scale));
    int existing = jdbc.queryForObject("SELECT count(*) FROM users", Integer.class); // W2's users, ids 1..existing
    w.put("W3_findByPk", findByPk(20_000 / scale, existing));
    if (wanted("W4")) {
      w.put("W4_findAll_filter", findAllFilter(500 / scale));
    }
    if (wanted("W5")) {
      w.put("W5_nested_include", nestedInclude(10_000 / scale, 1_000 / scale, quick));
    }
    w.put("W6_upsert", upsert(5_000 / scale, existing));
    if (wanted("W6")) {
      w.put("W6b_bulk_upsert", bulkUpsert(20_000 / scale, 2_000 / scale));
    }
    if (wanted("W7")) {
      w.put("W7_transaction", transaction(5_000 / scale));
    }
    if (wanted("W8")) {
      w.put("W8_vector_knn", vectorKnn(20_000 / scale, 10_000 / scale));
    }
    if (wanted("W9")) {
      w.put("W9_concurrent_reads", concurrentReads(100_000 / scale, 50_000 / scale));
    }
    if (w.containsKey("W2_bulkCreate") && w.containsKey("W5_nested_include")) {
      report.put("expectations", expectations(w));
    }
    return report;
  }

  /**
   * What building one result object costs MyBatis: a {@link User} through its ten-argument
   * constructor, as the "user" result map builds every row, by MyBatis's {@link DefaultObjectFactory}
   * and by the factory the service configures. No database: nanoseconds per object, the median of
   * seven rounds per factory, the factories' rounds alternating after two untimed ones each (so that
   * neither the JIT's view of the call site nor a busy spell of the machine favours the one run first).
   */
  private Map<String, Object> rowObjects(int count) {
    List<Class<?>> types = List.of(Integer.class, String.class, String.class, Integer.class, Boolean.class, String.class,
        Map.class, String.class, OffsetDateTime.class, OffsetDateTime.class);
    List<Object> args = java.util.Arrays.asList(1, "a@x.org", "A", 30, true, null, null, null, OffsetDateTime.now(), OffsetDateTime.now());
    List<ObjectFactory> factories = List.of(new DefaultObjectFactory(), mybatis.getConfiguration().getObjectFactory());
    List<List<Double>> rounds = List.of(new ArrayList<>(), new ArrayList<>());
    long sink = 0;
    for (int round = 0; round < 9; round++) {
      for (int f = 0; f < factories.size(); f++) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
          sink += factories.get(f).create(User.class, new ArrayList<>(types), args).hashCode();
        }
        if (round >= 2) {
          rounds.get(f).add((double) (System.nanoTime() - start) / count);
        }
      }
    }
    check(sink != 42, "objects built"); // keeps the JIT from dropping the loop
    Map<String, Object> result = new LinkedHashMap<>();
    for (int f = 0; f < factories.size(); f++) {
      List<Double> sorted = rounds.get(f).stream().sorted().toList();
      result.put(factories.get(f).getClass().getSimpleName() + "NsPerObject", Measure.round(sorted.get(sorted.size() / 2), 1));
    }
    return result;
  }

  // ------------------------------------------------------------------ workloads

  private Map<String, Object> create(int n) throws Exception {
    String sql = sql("dev.inkwell.users.internal.UserMapper.insert", Map.of("row", UserRow.of(newUser("x", 0))));
    // A random email from pgbench itself: gen_random_uuid() in the statement cost the floor 2-3 % (work
    // neither path does); some 100,000 draws from 9e18 (ten one-second runs per pass) do not collide.
    PgBench.Floor[] floor = floors("\\set n random(1, 9000000000000000000)\n"
        + sql.replaceFirst("\\?", "'c' || :n || '@pgbench'").replaceFirst("\\?", "'P'")
        .replaceFirst("\\?", "30").replaceFirst("\\?", "NULL").replaceFirst("\\?", "NULL").replaceFirst("\\?", "NULL") + ";\n", null, 1);
    reset();
    return compare(Measure.alternating(n,
        i -> users.create(newUser(key("a"), i)),
        i -> {
          try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bindNewUser(ps, 1, newUser(key("b"), i));
            readUsers(ps).get(0);
          }
        }, "opsPerSecond", floor), floor);
  }

  /** {@code n} users in batches of 1,000, timed; the first {@code kept} of them stay for the workloads after it. */
  private Map<String, Object> bulkCreate(int n, int kept) throws Exception {
    int batch = Math.min(1_000, n);
    int batches = n / batch;
    List<NewUser> template = IntStream.range(0, batch).mapToObj(i -> newUser("t" + i, i)).toList();
    String sql = sql("dev.inkwell.users.internal.UserMapper.insertAll", Map.of("batch", new UserBatch(template)));
    Measure.Op inkwell = b -> users.bulkCreate(IntStream.range(0, batch).mapToObj(i -> newUser(key("ib"), i)).toList());
    Measure.Op plain = b -> inTransaction(c -> {
      List<NewUser> rows = IntStream.range(0, batch).mapToObj(i -> newUser(key("jb"), i)).toList();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        // the arrays UserBatch binds: email, name, age, bio, metadata, phone
        ps.setArray(1, c.createArrayOf("varchar", rows.stream().map(NewUser::email).toArray()));
        ps.setArray(2, c.createArrayOf("varchar", rows.stream().map(NewUser::name).toArray()));
        ps.setArray(3, c.createArrayOf("int4", rows.stream().map(NewUser::age).toArray()));
        ps.setArray(4, c.createArrayOf("varchar", new Object[batch]));
        ps.setArray(5, c.createArrayOf("varchar", new Object[batch]));
        ps.setArray(6, c.createArrayOf("varchar", new Object[batch]));
        return readUsers(ps).size();
      }
    });
    // A workload of few calls gets a quarter of them as its warm-up (Measure), which left the service's
    // per-call code of a bulk insert still compiling when timing began; so both paths first insert for as
    // long as any workload warms up, then the table is emptied again for the timed batches.
    Measure.warmUp(Measure.WARMUP_CALLS, batches, inkwell, plain);
    reset();
    List<Map<String, Object>> both = Measure.alternating(batches, inkwell, plain, "batchesPerSecond");
    // Ids are 1..n (one sequence, restarted by reset()); the later workloads read ids 1..kept.
    jdbc.update("DELETE FROM users WHERE id > ?", kept);
    jdbc.execute("VACUUM FULL users");
    vacuumAnalyze();
    Map<String, Object> ids = jdbc.queryForMap("SELECT count(*) AS n, min(id) AS lo, max(id) AS hi FROM users");
    check(((Number) ids.get("n")).intValue() == kept && ((Number) ids.get("lo")).intValue() == 1
        && ((Number) ids.get("hi")).intValue() == kept, "users 1.." + kept + " after W2, found " + ids);
    Map<String, Object> result = compare(List.of(Measure.perRow(both.get(0), batches * batch), Measure.perRow(both.get(1), batches * batch)));
    result.put("batches", batches);
    result.put("usersKept", kept);
    return result;
  }

  private Map<String, Object> findByPk(int n, int existing) throws Exception {
    String sql = sql("dev.inkwell.users.internal.UserMapper.selectById", Map.of("id", 1));
    int[] ids = new Random(SEED).ints(n, 1, existing + 1).toArray();
    PgBench.Floor[] floor = floors("\\set id random(1, " + existing + ")\n" + sql.replace("?", ":id") + ";\n", null, 1);
    return compare(Measure.alternating(n, i -> users.get(ids[i]), i -> {
      try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setInt(1, ids[i]);
        readUsers(ps).get(0);
      }
    }, "opsPerSecond", floor), floor);
  }

  private Map<String, Object> findAllFilter(int n) throws Exception {
    FindOptions template = new FindOptions(Where.and(Where.field("age").gte(30), Where.field("name").op(Op.ILIKE, "%a%")), null,
        List.of(Sort.desc("age")), 10, null);
    // The REST list: PageHelper's count, then the first page of 10.
    String count = sql("dev.inkwell.users.internal.UserMapper.selectByQuery_COUNT", Map.of("q", USERS.query(template)));
    String sql = sql("dev.inkwell.users.internal.UserMapper.selectByQuery", Map.of("q", USERS.query(template)));
    int[] ages = new Random(SEED).ints(n, 18, 80).toArray();
    return compare(Measure.alternating(n, i -> users.page(new FindOptions(
        Where.and(Where.field("age").gte(ages[i]), Where.field("name").op(Op.ILIKE, "%a%")), null, List.of(Sort.desc("age")), null, null),
        Paging.DEFAULTS.request(1, 10)),
        i -> {
          try (Connection c = pool.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(count)) {
              ps.setInt(1, ages[i]);
              ps.setString(2, "%a%");
              try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                rs.getLong(1);
              }
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              ps.setInt(1, ages[i]);
              ps.setString(2, "%a%");
              ps.setInt(3, 10);
              readUsers(ps);
            }
          }
        }, "opsPerSecond"));
  }

  private Map<String, Object> nestedInclude(int loads, int pages, boolean quick) throws Exception {
    reset();
    int userCount = quick ? 100 : 1_000;
    jdbc.update("INSERT INTO users (email, name, age) SELECT 'n' || g || '@w5', 'N' || g, g % 80 FROM generate_series(1, ?) g", userCount);
    jdbc.update("INSERT INTO posts (title, content, published, \"authorId\") SELECT 'p' || p, 'x', p % 2 = 0, u.id "
        + "FROM users u CROSS JOIN generate_series(1, 5) p");
    jdbc.update("INSERT INTO tags (name) SELECT 'tag' || g FROM generate_series(1, 20) g");
    jdbc.update("INSERT INTO post_tags (\"postId\", \"tagId\") SELECT p.id, t.id FROM posts p JOIN tags t "
        + "ON t.id IN ((SELECT min(id) FROM tags) + p.id % 20, (SELECT min(id) FROM tags) + (p.id + 7) % 20)");
    vacuumAnalyze();
    int minId = jdbc.queryForObject("SELECT min(id) FROM users", Integer.class);
    int[] ids = new Random(SEED).ints(loads, 0, userCount).map(i -> i + minId).toArray();
    String loadSql = sql("dev.inkwell.posts.internal.UserPostsMapper.selectUserWithPosts",
        Map.of("userId", 1, "posts", POSTS.where(Where.ALL), "required", false, "tags", true));

    int perLoad = countStatements(() -> users.getWithPosts(ids[0], UserPostsInclude.postsWithTags()));
    List<Map<String, Object>> loadsBoth = Measure.alternating(loads, i -> {
      UserWithPosts u = users.getWithPosts(ids[i], UserPostsInclude.postsWithTags());
      check(u.posts().size() == 5 && u.posts().get(0).tags().size() == 2, "a user with 5 posts of 2 tags");
    }, i -> {
      try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(loadSql)) {
        ps.setInt(1, ids[i]);
        User user = null;
        Map<Integer, Post> posts = new LinkedHashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            if (user == null) {
              user = readUser(rs, "");
            }
            readPostWithTags(rs, "post_", posts);
          }
        }
        UserWithPosts u = new UserWithPosts(user, List.copyOf(posts.values()));
        check(u.posts().size() == 5 && u.posts().get(0).tags().size() == 2, "a user with 5 posts of 2 tags");
      }
    }, "opsPerSecond");
    int pageCount = userCount / 20;
    int perPage = countStatements(() -> users.pageWithPosts(FindOptions.all(), UserPostsInclude.postsWithTags(),
        Paging.DEFAULTS.request(1, 20)));
    Measure.Op inkwellPage = i -> {
      Page<UserWithPosts> page = users.pageWithPosts(FindOptions.all(), UserPostsInclude.postsWithTags(),
          Paging.DEFAULTS.request(i % pageCount + 1, 20));
      check(page.items().size() == 20, "a page of 20 users");
    };
    String countSql = "SELECT count(0) FROM users u";
    String usersSql = "SELECT u.id AS \"id\", u.email AS \"email\", u.name AS \"name\", u.age AS \"age\", u.\"isActive\" AS \"isActive\", "
        + "u.bio AS \"bio\", u.metadata AS \"metadata\", u.phone AS \"phone\", u.\"createdAt\" AS \"createdAt\", "
        + "u.\"updatedAt\" AS \"updatedAt\" FROM users u ORDER BY u.\"id\" ASC LIMIT ? OFFSET ?";
    String postsSql = sql("dev.inkwell.posts.internal.UserPostsMapper.selectPostsOfUsers",
        Map.of("userIds", new Integer[0], "posts", POSTS.where(Where.ALL), "tags", true));
    Measure.Op plainPage = i -> {
      try (Connection c = pool.getConnection()) {
        try (PreparedStatement ps = c.prepareStatement(countSql); ResultSet rs = ps.executeQuery()) {
          rs.next();
        }
        List<User> page;
        try (PreparedStatement ps = c.prepareStatement(usersSql)) {
          ps.setInt(1, 20);
          ps.setLong(2, (long) (i % pageCount) * 20);
          page = readUsers(ps);
        }
        try (PreparedStatement ps = c.prepareStatement(postsSql)) {
          ps.setArray(1, c.createArrayOf("integer", page.stream().map(User::id).toArray()));
          Map<Integer, Post> posts = new LinkedHashMap<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              readPostWithTags(rs, "", posts);
            }
          }
          Map<Integer, List<Post>> byAuthor = new HashMap<>();
          posts.values().forEach(post -> byAuthor.computeIfAbsent(post.authorId(), k -> new ArrayList<>()).add(post));
          List<UserWithPosts> items = page.stream().map(u -> new UserWithPosts(u, byAuthor.getOrDefault(u.id(), List.of()))).toList();
          check(items.size() == 20 && items.get(0).posts().size() == 5, "a page of 20 users with their posts");
        }
      }
    };
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("load", compare(loadsBoth));
    result.put("page", compare(Measure.alternating(pages, inkwellPage, plainPage, "opsPerSecond")));
    result.put("statementsPerLoad", perLoad);
    result.put("statementsPerPageOf20", perPage);
    result.put("data", userCount + " users x 5 posts x 2 of 20 tags");
    return result;
  }

  private Map<String, Object> upsert(int n, int existing) throws Exception {
    String sql = sql("dev.inkwell.users.internal.UserMapper.upsertReportingInsert", Map.of("row", UserRow.of(newUser("x", 1))));
    List<String> emails = jdbc.queryForList("SELECT email FROM users ORDER BY id LIMIT ?", String.class, n);
    PgBench.Floor[] floor = floors("\\set n random(1, " + (2 * existing) + ")\n"
        + sql.replaceFirst("\\?", "'u' || :n || '@pgbench'").replaceFirst("\\?", "'P'").replaceFirst("\\?", "30")
            .replaceFirst("\\?", "NULL").replaceFirst("\\?", "NULL").replaceFirst("\\?", "NULL")
            .replaceFirst("\\?", "30").replaceFirst("\\?", "NULL") + ";\n", null, 1);
    return compare(Measure.alternating(n,
        i -> users.upsert(i % 2 == 0 ? existingUser(emails.get(i % emails.size()), i) : newUser(key("new-a"), i)),
        i -> {
          try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            NewUser u = i % 2 == 0 ? existingUser(emails.get(i % emails.size()), i) : newUser(key("new-b"), i);
            int p = bindNewUser(ps, 1, u);
            ps.setInt(p++, u.age()); // the update branch's age and isActive (upsertBody)
            ps.setNull(p, java.sql.Types.BOOLEAN);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              readUser(rs, "");
              rs.getBoolean("inserted");
            }
          }
        }, "opsPerSecond", floor), floor);
  }

  /**
   * Bulk upsert (POST /api/users/bulk?onConflict=merge) against single-row upserts (PUT by email) of
   * the same mix, half existing users, half new, each through the use case: rows per second.
   */
  private Map<String, Object> bulkUpsert(int rows, int singles) throws Exception {
    List<String> emails = jdbc.queryForList("SELECT email FROM users ORDER BY id LIMIT ?", String.class, rows / 2);
    IntFunction<NewUser> row = i -> i % 2 == 0 ? existingUser(emails.get((i / 2) % emails.size()), i)
        : newUser(key("bulk"), i);
    int batch = 1_000;
    long start = System.nanoTime();
    for (int from = 0; from < rows; from += batch) {
      List<NewUser> chunk = new ArrayList<>();
      for (int i = from; i < Math.min(rows, from + batch); i++) {
        chunk.add(row.apply(i));
      }
      users.bulkUpsert(chunk, OnConflict.MERGE);
    }
    double bulkSeconds = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    for (int i = 0; i < singles; i++) {
      users.upsert(row.apply(i));
    }
    double singleSeconds = (System.nanoTime() - start) / 1e9;
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("rows", rows);
    result.put("rowsPerRequest", batch);
    result.put("bulkRowsPerSecond", Math.round(rows / bulkSeconds));
    result.put("singleRowUpsertsPerSecond", Math.round(singles / singleSeconds));
    result.put("speedup", Math.round((rows / bulkSeconds) / (singles / singleSeconds) * 10) / 10.0);
    return result;
  }

  private static NewUser existingUser(String email, int i) {
    return NewUser.of(email, "Updated " + i, 18 + i % 60);
  }

  /** The guide's managed transaction: a user and its first post (POST /api/users/with-post). */
  private Map<String, Object> transaction(int n) throws Exception {
    String insertUser = sql("dev.inkwell.users.internal.UserMapper.insert", Map.of("row", UserRow.of(newUser("x", 0))));
    String insertPost = sql("dev.inkwell.posts.internal.PostMapper.insert",
        Map.of("row", PostRow.of(new NewPost("Transactional Post", "Atomic.", true, 1))));
    // Three round trips, as the service and the JDBC path take (pgjdbc sends BEGIN with the first
    // INSERT): BEGIN pipelined with the user's INSERT, the post's, COMMIT. pgbench allows no \gset in a
    // pipeline, so the post takes the new user's id from the sequence: (SELECT currval(...)), computed once,
    // so that the post's author check finds the user by its index (a bare currval() is volatile: a scan).
    // The sequence named as a constant, as the email is drawn (W1): no look-up neither path does.
    PgBench.Floor[] floor = floors("\\set n random(1, 9000000000000000000)\n\\startpipeline\nBEGIN;\n"
        + insertUser.replaceFirst("\\?", "'w' || :n || '@pgbench'").replaceFirst("\\?", "'P'").replaceFirst("\\?", "30")
            .replaceFirst("\\?", "NULL").replaceFirst("\\?", "NULL").replaceFirst("\\?", "NULL") + ";\n\\endpipeline\n"
        + insertPost.replaceFirst("\\?", "'Transactional Post'").replaceFirst("\\?", "'Atomic.'").replaceFirst("\\?", "true")
            .replaceFirst("\\?", "(SELECT currval('users_id_seq'::regclass))") + ";\nCOMMIT;\n", null, 1);
    return compare(Measure.alternating(n,
        i -> users.createWithPost(newUser(key("w7a"), i), new UserUseCases.PostDraft("Transactional Post", "Atomic.", true)),
        i -> inTransaction(c -> {
          int id;
          try (PreparedStatement ps = c.prepareStatement(insertUser)) {
            bindNewUser(ps, 1, newUser(key("w7b"), i));
            id = readUsers(ps).get(0).id();
          }
          try (PreparedStatement ps = c.prepareStatement(insertPost)) {
            ps.setString(1, "Transactional Post");
            ps.setString(2, "Atomic.");
            ps.setBoolean(3, true);
            ps.setInt(4, id);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getInt("id");
            }
          }
        }), "opsPerSecond", floor), floor);
  }

  private Map<String, Object> vectorKnn(int rows, int queries) throws Exception {
    Random random = new Random(SEED);
    int batch = Math.min(1_000, rows);
    Map<String, Object> result = new LinkedHashMap<>();
    // Different vectors for each path: re-inserting the same points would make the JDBC path's
    // HNSW inserts cheaper (an identical neighbour is found at once).
    List<List<NewEmbedding>> batches = new ArrayList<>();
    List<List<NewEmbedding>> otherBatches = new ArrayList<>();
    for (int b = 0; b < rows / batch; b++) {
      for (List<List<NewEmbedding>> target : List.of(batches, otherBatches)) {
        List<NewEmbedding> one = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
          one.add(new NewEmbedding("v" + b + "-" + i, vector(random)));
        }
        target.add(one);
      }
    }
    String insertSql = "INSERT INTO embeddings AS e (name, embedding) VALUES " + String.join(",", java.util.Collections.nCopies(batch, "(?, ?)"))
        + " RETURNING e.id, e.name, e.embedding";
    jdbc.execute("TRUNCATE embeddings");
    List<Map<String, Object>> inserts = Measure.alternating(batches.size(), b -> embeddings.createAll(batches.get(b)),
        b -> inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(insertSql)) {
        int p = 1;
        for (NewEmbedding e : otherBatches.get(b)) {
          ps.setString(p++, e.name());
          ps.setObject(p++, new PGvector(e.embedding()));
        }
        int n = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rs.getInt(1);
            rs.getString(2);
            new PGvector(rs.getString(3)).toArray();
            n++;
          }
        }
        return n;
      }
    }), "batchesPerSecond");
    vacuumAnalyze();
    int inserted = batches.size() * batch;
    result.put("insert", compare(List.of(Measure.perRow(inserts.get(0), inserted), Measure.perRow(inserts.get(1), inserted))));

    float[][] qs = new float[queries][];
    for (int i = 0; i < queries; i++) {
      qs[i] = vector(random);
    }
    // Directly connected the pool's connections have the iterative scan already
    // (EmbeddingService.CONNECTION_SETTINGS); behind a transaction pooler it goes with each search,
    // in the same message batch: both paths send what the service sends.
    Map<String, Object> knnParameters = new java.util.HashMap<>();
    knnParameters.put("s", new SqlVectorSearch(qs[0], "cosine", EMBEDDINGS.where(Where.ALL), null, 5));
    knnParameters.put("efSearch", null);
    knnParameters.put("iterativeScan", true);
    String knnSql = sql("dev.inkwell.vectors.internal.EmbeddingMapper.search", knnParameters);
    String knnWithSettingSql = sql("dev.inkwell.vectors.internal.EmbeddingMapper.searchWithSettings", knnParameters);
    // The query vector from three bound integers, cast as pgvector casts an array: no text to build and
    // parse per query (the service binds the vector's text once); cosine distance ignores the scale.
    String vectorExpr = "CAST(CAST(ARRAY[:a, :b, :c] AS int[]) AS vector)";
    // k as a constant the planner reads: both paths bind a vector-typed parameter and keep a generic plan
    // (EmbeddingMapper.xml's LIMIT); with the vector an expression evaluated per row and a limit it could
    // not read, pgbench's generic plan would cost more than a custom one, and every search be planned.
    String knnScript = knnSql.replace("CAST(? AS vector)", vectorExpr).replace("LIMIT (SELECT ?)", "LIMIT 5") + ";\n";
    String randomVector = "\\set a random(0, 1000)\n\\set b random(0, 1000)\n\\set c random(0, 1000)\n";
    PgBench.Floor[] floor = behindAPooler
        // set_config and the search in one pipeline: one Sync, one implicit transaction, as the service sends them.
        ? floors(randomVector + "\\startpipeline\nSELECT set_config('hnsw.iterative_scan', 'strict_order', true);\n"
            + knnScript + "\\endpipeline\n", null, 1)
        // pgbench's sessions get the iterative scan as the pool's do: once per connection (PGOPTIONS).
        : floors(randomVector + knnScript, "-c hnsw.iterative_scan=strict_order", 1);
    result.put("knn", compare(Measure.alternating(queries,
        i -> embeddings.search(VectorSearch.nearest(qs[i], Metric.COSINE, 5)), i -> {
      try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(behindAPooler ? knnWithSettingSql : knnSql)) {
        ps.setObject(1, new PGvector(qs[i]));
        ps.setInt(2, 5);
        ps.execute();
        if (behindAPooler) {
          ps.getMoreResults(); // past set_config's result
        }
        int n = 0;
        try (ResultSet rs = ps.getResultSet()) {
          while (rs.next()) {
            rs.getInt(1);
            rs.getString(2);
            new PGvector(rs.getString(3)).toArray();
            rs.getDouble(4);
            n++;
          }
        }
        check(n == 5, "5 neighbours");
      }
    }, "opsPerSecond", floor), floor));
    return result;
  }

  private Map<String, Object> concurrentReads(int n, int existing) throws Exception {
    reset();
    for (int from = 0; from < existing; from += 1_000) {
      int start = from;
      users.bulkCreate(IntStream.range(start, Math.min(existing, start + 1_000)).mapToObj(i -> newUser("c" + i, i)).toList());
    }
    vacuumAnalyze();
    int minId = jdbc.queryForObject("SELECT min(id) FROM users", Integer.class);
    int[] ids = new Random(SEED).ints(n, 0, existing).map(i -> i + minId).toArray();
    String sql = sql("dev.inkwell.users.internal.UserMapper.selectById", Map.of("id", 1));
    Map<String, Object> result = new LinkedHashMap<>();
    int original = pool.getMaximumPoolSize();
    for (int size : new int[] {5, 16}) {
      pool.getHikariConfigMXBean().setMaximumPoolSize(size);
      // 32 or more requests in flight, served as the deployed jar serves them: as many at once as it admits.
      int threads = RequestAdmission.maxActive(size);
      // The better of pgbench with as many clients as the pool has connections (the sessions the
      // database serves at once) and with as many as the workload has threads: with more clients
      // than sessions, one waits with its next read while another's is served, as the threads do.
      PgBench.Floor[] floor = floors("\\set id random(" + minId + ", " + (minId + existing - 1) + ")\n" + sql.replace("?", ":id") + ";\n",
          null, size, threads);
      Map<String, Object> one = compare(Measure.alternatingConcurrently(n, threads, i -> users.get(ids[i]), i -> {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setInt(1, ids[i]);
          readUsers(ps).get(0);
        }
      }, "opsPerSecond", floor), floor);
      one.put("activeRequests", threads);
      result.put("pool" + size, one);
    }
    pool.getHikariConfigMXBean().setMaximumPoolSize(original);
    return result;
  }

  // ------------------------------------------------------------------ helpers

  /** Statements one call issues, as the service's statement observer counts them (inkwell.mapper.statement). */
  private int countStatements(Runnable call) {
    long before = statementsSoFar();
    call.run();
    return (int) (statementsSoFar() - before);
  }

  private long statementsSoFar() {
    return meters.find("inkwell.mapper.statement").timers().stream().mapToLong(t -> t.count()).sum();
  }

  /**
   * [Inkwell, JDBC, floors...]: Inkwell's time over the JDBC baseline's (1.0 = as fast; above 1 =
   * slower) and, with floors, the faster floor's rate beside both paths' shares of it.
   */
  private static Map<String, Object> compare(List<Map<String, Object>> measured, PgBench.Floor... floors) {
    Map<String, Object> result = new LinkedHashMap<>();
    Map<String, Object> inkwell = measured.get(0);
    Map<String, Object> jdbc = measured.get(1);
    result.put("inkwell", inkwell);
    result.put("jdbc", jdbc);
    result.put("ratio", Measure.round((Double) inkwell.get("totalMs") / (Double) jdbc.get("totalMs"), 3));
    Double median = Measure.medianRoundRatio(inkwell, jdbc);
    if (median != null) {
      result.put("ratioMedianOfRounds", median);
    }
    int best = -1;
    for (int f = 0; f < floors.length; f++) {
      if (best < 0 || (Double) measured.get(2 + f).get("totalMs") < (Double) measured.get(2 + best).get("totalMs")) {
        best = f;
      }
    }
    if (best >= 0) {
      Map<String, Object> floor = measured.get(2 + best);
      double floorMs = (Double) floor.get("totalMs");
      Map<String, Object> pgbench = new LinkedHashMap<>();
      pgbench.put("tps", floor.get("opsPerSecond"));
      pgbench.put("clients", floors[best].clients());
      pgbench.put("inkwellFraction", Measure.round(floorMs / (Double) inkwell.get("totalMs"), 3));
      pgbench.put("jdbcFraction", Measure.round(floorMs / (Double) jdbc.get("totalMs"), 3));
      pgbench.put("roundsMs", floor.get("roundsMs"));
      result.put("pgbench", pgbench);
    }
    return result;
  }

  /** After a bulk load, outside the timings: fresh statistics, and nothing left for autovacuum to do mid-run. */
  private void vacuumAnalyze() {
    jdbc.execute("VACUUM ANALYZE");
  }

  /**
   * pgbench's floors for {@code script}, one per client count, to be timed in a workload's rounds
   * ({@link PgBench}); none without pgbench. {@code options}: session settings (PGOPTIONS).
   */
  private PgBench.Floor[] floors(String script, String options, int... clients) {
    if (!pgbench.available()) {
      return new PgBench.Floor[0];
    }
    return IntStream.of(clients).distinct().mapToObj(c -> pgbench.floor(script, c, options)).toArray(PgBench.Floor[]::new);
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws Exception;
  }

  /** One transaction on a pooled connection, as Spring's transaction manager runs one. */
  private <T> T inTransaction(Work<T> work) throws Exception {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (Exception e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /** The SQL MyBatis generates for a statement and parameter: the baseline runs exactly this. */
  private String sql(String statementId, Object parameter) {
    BoundSql bound = mybatis.getConfiguration().getMappedStatement(statementId).getBoundSql(parameter);
    return bound.getSql().replaceAll("\\s+", " ").trim();
  }

  /**
   * A unique key, its nine-digit counter first: each path's keys sort after every key written before
   * them, so both insert at the right edge of the email index. With the path's name first, the JDBC
   * path's keys ("b...", "jb...") sorted after all of Inkwell's ("a...", "ib..."), and only JDBC's
   * inserts got the right edge.
   */
  private String key(String path) {
    return (100_000_000 + keys.incrementAndGet()) + path;
  }

  private static final String[] NAMES = {"Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy",
      "Mallory", "Niaj", "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Victor", "Walter", "Yvonne"};

  /** Realistic names, so that name iLike '%a%' matches about half of the users. */
  private static NewUser newUser(String key, int i) {
    return NewUser.of(key + "@bench.test", NAMES[Math.floorMod(key.hashCode(), NAMES.length)] + " " + key, 18 + i % 60);
  }

  /** The parameters of UserMapper's rowValues for a user with only email, name, age given. */
  private static int bindNewUser(PreparedStatement ps, int p, NewUser u) throws Exception {
    ps.setString(p++, u.email());
    ps.setString(p++, u.name());
    ps.setInt(p++, u.age());
    ps.setNull(p++, java.sql.Types.VARCHAR);
    ps.setNull(p++, java.sql.Types.OTHER, "jsonb"); // typed, as the service binds it (JsonbTypeHandler)
    ps.setNull(p++, java.sql.Types.VARCHAR);
    return p;
  }

  private static List<User> readUsers(PreparedStatement ps) throws Exception {
    List<User> rows = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(readUser(rs, ""));
      }
    }
    return rows;
  }

  private static User readUser(ResultSet rs, String prefix) throws Exception {
    String metadata = rs.getString(prefix + "metadata");
    return new User(rs.getInt(prefix + "id"), rs.getString(prefix + "email"), rs.getString(prefix + "name"), rs.getInt(prefix + "age"),
        rs.getBoolean(prefix + "isActive"), rs.getString(prefix + "bio"),
        metadata == null ? null : tools.jackson.databind.json.JsonMapper.shared().readValue(metadata, Map.class),
        rs.getString(prefix + "phone"), rs.getObject(prefix + "createdAt", OffsetDateTime.class),
        rs.getObject(prefix + "updatedAt", OffsetDateTime.class));
  }

  /**
   * A row of a post (columns named {@code prefix}...) with its tags as the two arrays the statement
   * aggregates (TagSql.xml, "arrays"). What the posts result map builds, by hand.
   */
  private static void readPostWithTags(ResultSet rs, String prefix, Map<Integer, Post> posts) throws Exception {
    int id = rs.getInt(prefix + "id");
    List<Tag> tags = new ArrayList<>();
    Array ids = rs.getArray(prefix + "tag_ids");
    if (ids != null) {
      Integer[] tagIds = (Integer[]) ids.getArray();
      String[] names = (String[]) rs.getArray(prefix + "tag_names").getArray();
      for (int t = 0; t < tagIds.length; t++) {
        tags.add(new Tag(tagIds[t], names[t]));
      }
    }
    posts.put(id, new Post(id, rs.getString(prefix + "title"), rs.getString(prefix + "content"), rs.getBoolean(prefix + "published"),
        rs.getInt(prefix + "authorId"), rs.getObject(prefix + "createdAt", OffsetDateTime.class),
        rs.getObject(prefix + "updatedAt", OffsetDateTime.class), null, tags));
  }

  private static float[] vector(Random random) {
    return new float[] {random.nextFloat(), random.nextFloat(), random.nextFloat()};
  }

  private void reset() {
    jdbc.execute("TRUNCATE users, tags, embeddings RESTART IDENTITY CASCADE");
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("benchmark result is wrong: expected " + what);
    }
  }

  /** The targets, checked against the figures. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> expectations(Map<String, Object> w) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> slower = new ArrayList<>();
    List<String> belowFloor = new ArrayList<>();
    List<String> jdbcAboveFloor = new ArrayList<>();
    collect("", w, slower, belowFloor, jdbcAboveFloor);
    out.put("withinRatio1.15", slower.isEmpty() ? "yes" : slower);
    out.put("atLeast85PercentOfPgbench", belowFloor.isEmpty() ? "yes" : belowFloor);
    // pgbench's libpq sends a Describe with every execution, which pgjdbc sends once per statement:
    // where the database's CPU is the limit, JDBC can outrun the floor, and these paths say where.
    out.put("jdbcAbovePgbench", jdbcAboveFloor.isEmpty() ? "none" : jdbcAboveFloor);
    Map<String, Object> bulk = (Map<String, Object>) ((Map<String, Object>) w.get("W2_bulkCreate")).get("inkwell");
    out.put("bulkAtLeast50000RowsPerSecond", (Double) bulk.get("rowsPerSecond") >= 50_000);
    Map<String, Object> w5 = (Map<String, Object>) w.get("W5_nested_include");
    out.put("w5FixedStatements", "load " + w5.get("statementsPerLoad") + ", page " + w5.get("statementsPerPageOf20"));
    out.put("w5WithinRatio1.3", ((Map<String, Object>) w5.get("load")).get("ratio") + ", "
        + ((Map<String, Object>) w5.get("page")).get("ratio"));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void collect(String path, Map<String, Object> node, List<String> slower, List<String> belowFloor,
      List<String> jdbcAboveFloor) {
    if (node.containsKey("ratio") && (Double) node.get("ratio") > 1.15) {
      slower.add(path + " " + node.get("ratio"));
    }
    if (node.get("pgbench") instanceof Map<?, ?> pg) {
      if ((Double) pg.get("inkwellFraction") < 0.85) {
        belowFloor.add(path + " " + pg.get("inkwellFraction"));
      }
      if ((Double) pg.get("jdbcFraction") > 1) {
        jdbcAboveFloor.add(path + " " + pg.get("jdbcFraction"));
      }
    }
    node.forEach((k, v) -> {
      if (v instanceof Map<?, ?> child && !k.equals("pgbench")) {
        collect(path.isEmpty() ? k : path + "." + k, (Map<String, Object>) child, slower, belowFloor, jdbcAboveFloor);
      }
    });
  }
}
