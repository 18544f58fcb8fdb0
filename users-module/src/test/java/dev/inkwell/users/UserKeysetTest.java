package dev.inkwell.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.inkwell.query.CountMode;
import dev.inkwell.query.FindOptions;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.ScrollRequest;
import dev.inkwell.query.Sort;
import dev.inkwell.query.Where;
import dev.inkwell.query.Window;
import dev.inkwell.query.testing.StatementCounter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keyset windows over users: every order (several keys, mixed directions, NULLs first or last) walks
 * every row once, forwards and back; cursors only work with the list they came from; the seek is an
 * index range; each count mode runs the statements it says.
 */
@UsersDataTest
class UserKeysetTest {

  @Autowired
  UserService users;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  Environment env;
  @Autowired
  StatementCounter statements;

  @BeforeEach
  void empty() {
    jdbc.sql("DELETE FROM users").update(); // inside the test's transaction: rolled back afterwards
  }

  @AfterEach
  void stopExplaining() {
    statements.setExplaining(false);
  }

  /** n users: ages with NULLs and many ties, names with ties, bios with NULLs. */
  private void fixture(int n) {
    jdbc.sql("""
        INSERT INTO users (email, name, age, "isActive", bio)
        SELECT 'k' || g || '@keyset.test', 'name ' || (g * 7 % 97),
               CASE WHEN g % 13 = 0 THEN NULL ELSE 18 + g % 60 END,
               g % 3 <> 0, CASE WHEN g % 5 = 0 THEN NULL ELSE 'bio ' || (g % 11) END
        FROM generate_series(1, :n) g""").param("n", n).update();
    jdbc.sql("ANALYZE users").update();
  }

  private List<Integer> expected(FindOptions options) {
    return users.findAll(options).stream().map(User::id).toList();
  }

  /** Every window from the start, following next. */
  private List<List<Integer>> walkForwards(FindOptions options, int size) {
    List<List<Integer>> pages = new ArrayList<>();
    String after = "";
    while (after != null) {
      Window<User> window = users.findWindow(options, new ScrollRequest(after, null, size, CountMode.NONE));
      pages.add(window.items().stream().map(User::id).toList());
      after = window.next();
    }
    return pages;
  }

  /** Every window from the end, following prev; returned in forward order. */
  private List<List<Integer>> walkBackwards(FindOptions options, int size) {
    List<List<Integer>> pages = new ArrayList<>();
    String before = "";
    while (before != null) {
      Window<User> window = users.findWindow(options, new ScrollRequest(null, before, size, CountMode.NONE));
      pages.add(window.items().stream().map(User::id).toList());
      before = window.prev();
    }
    Collections.reverse(pages);
    return pages;
  }

  private static List<Integer> flat(List<List<Integer>> pages) {
    return pages.stream().flatMap(List::stream).toList();
  }

  @ParameterizedTest(name = "order={0}")
  @ValueSource(strings = {"id", "-id", "age", "-age", "age NULLS FIRST", "-age NULLS LAST", "-age,name", "bio,-age",
      "-isActive,bio NULLS FIRST,age", "name,-bio NULLS LAST,-id", "createdAt,-name"})
  void everyOrderWalksEveryRowOnceBothWays(String spec) {
    fixture(230);
    FindOptions options = FindOptions.all().order(sorts(spec));
    List<Integer> all = expected(options);

    List<List<Integer>> forwards = walkForwards(options, 7);
    List<List<Integer>> backwards = walkBackwards(options, 7);

    assertThat(flat(forwards)).containsExactlyElementsOf(all);
    assertThat(forwards.get(forwards.size() - 1)).hasSize(230 % 7);
    // Backwards the last window is the full one at the end; the first holds what is left.
    assertThat(flat(backwards)).containsExactlyElementsOf(all);
    assertThat(backwards.get(0)).hasSize(230 % 7);
  }

  @Test
  void prevOfEachWindowIsTheWindowBefore() {
    fixture(100);
    FindOptions options = FindOptions.all().order(Sort.desc("age"), Sort.asc("bio"));
    List<Window<User>> windows = new ArrayList<>();
    String after = "";
    while (after != null) {
      Window<User> window = users.findWindow(options, new ScrollRequest(after, null, 10, CountMode.NONE));
      windows.add(window);
      after = window.next();
    }
    assertThat(windows).hasSize(10);
    assertThat(windows.get(0).prev()).isNull();
    for (int i = 1; i < windows.size(); i++) {
      Window<User> back = users.findWindow(options, new ScrollRequest(null, windows.get(i).prev(), 10, CountMode.NONE));
      assertThat(back.items()).isEqualTo(windows.get(i - 1).items());
      assertThat(back.prev() == null).isEqualTo(i == 1);
      assertThat(back.next()).isNotNull();
    }
    assertThat(windows.get(9).next()).isNull();
  }

  @Test
  void aFilteredWalkVisitsOnlyMatchingRows() {
    fixture(300);
    FindOptions options = new FindOptions(Where.and(Where.field("age").gte(40), Where.field("isActive").eq(true)), null,
        List.of(Sort.asc("name"), Sort.desc("createdAt")), null, null);
    assertThat(flat(walkForwards(options, 9))).containsExactlyElementsOf(expected(options)).isNotEmpty();
  }

  /**
   * 20,000 users walked by {@code -age,name} in windows of 100 while another connection keeps inserting
   * and deleting users: every user present throughout is seen exactly once, in order. Then, with the
   * table still, walking back from the last window by prev returns the same windows.
   */
  @Test
  void walkWhileOthersInsertAndDelete() throws Exception {
    fixture(20_000);
    FindOptions options = FindOptions.all().order(Sort.desc("age"), Sort.asc("name"));
    List<Integer> present = expected(options);
    // Its own connection, outside the test's transaction: its writes commit while the walk goes on.
    JdbcClient other = JdbcClient.create(new DriverManagerDataSource(env.getProperty("spring.datasource.url"),
        env.getProperty("spring.datasource.username"), env.getProperty("spring.datasource.password")));
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger churned = new AtomicInteger();
    Thread churn = new Thread(() -> {
      while (running.get()) {
        int age = 18 + ThreadLocalRandom.current().nextInt(60);
        other.sql("INSERT INTO users (email, name, age) VALUES (:e, :n, :a)")
            .param("e", "churn" + churned.incrementAndGet() + "@keyset.test").param("n", "name " + age).param("a", age).update();
        other.sql("DELETE FROM users WHERE id IN (SELECT id FROM users WHERE email LIKE 'churn%' ORDER BY random() LIMIT 1)").update();
      }
    });
    churn.start();
    List<Integer> seen;
    try {
      seen = flat(walkForwards(options, 100));
    } finally {
      running.set(false);
      churn.join();
      other.sql("DELETE FROM users WHERE email LIKE 'churn%'").update();
    }
    assertThat(churned.get()).isPositive();
    Set<Integer> fixtureIds = new HashSet<>(present);
    assertThat(seen).doesNotHaveDuplicates();
    assertThat(seen.stream().filter(fixtureIds::contains).toList()).containsExactlyElementsOf(present);
    assertThat(present).hasSize(20_000);

    List<List<Integer>> forwards = walkForwards(options, 100);
    assertThat(forwards).hasSize(200);
    assertThat(walkBackwards(options, 100)).isEqualTo(forwards);
  }

  @Test
  void aCursorOnlyWorksWithItsOwnListAndUnaltered() {
    fixture(50);
    FindOptions byAge = FindOptions.all().order(Sort.desc("age"));
    String next = users.findWindow(byAge, ScrollRequest.first(10, CountMode.NONE)).next();

    assertThat(users.findWindow(byAge, new ScrollRequest(next, null, 10, CountMode.NONE)).items()).hasSize(10);
    assertRefused(FindOptions.all().order(Sort.asc("age")), next, "does not belong to this list");
    assertRefused(new FindOptions(Where.field("age").gt(20), null, List.of(Sort.desc("age")), null, null), next,
        "does not belong to this list");
    String payload = next.substring(0, next.indexOf('.'));
    String values = new String(java.util.Base64.getUrlDecoder().decode(payload));
    String altered = java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(values.replaceFirst("\\d", "9").getBytes()) + next.substring(next.indexOf('.'));
    assertThat(altered).isNotEqualTo(next);
    assertRefused(byAge, altered, "does not belong to this list");
    assertRefused(byAge, "garbage", "malformed cursor");
    assertRefused(byAge, "!!!.???", "malformed cursor");
    assertThatThrownBy(() -> new ScrollRequest("x".repeat(3000), null, 10, CountMode.NONE))
        .isInstanceOf(InvalidQueryException.class);
  }

  private void assertRefused(FindOptions options, String cursor, String message) {
    assertThatThrownBy(() -> users.findWindow(options, new ScrollRequest(cursor, null, 10, CountMode.NONE)))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining(message)
        .extracting(e -> ((InvalidQueryException) e).field()).isEqualTo("after");
  }

  /**
   * With 100,000 users, {@code order=id} and {@code order=-age} windows at window 1 and window 1,000
   * read only the window's rows (plus one) from the index, where an OFFSET page 1,000 reads 100,000.
   */
  @Test
  void theSeekIsAnIndexRangeAtAnyDepth() {
    fixture(100_000);
    for (Sort sort : List.of(Sort.asc("id"), Sort.desc("age"))) {
      FindOptions options = FindOptions.all().order(sort);
      String index = sort.field().equals("id") ? "users_pkey" : "idx_users_age";
      User last = users.findAll(options.limit(1, 99_899L)).get(0); // the row before window 1,000
      String cursor = dev.inkwell.query.sql.Keyset.cursor(contextOf(options), UserFields.USERS.keysetQuery(options).order(), last);

      statements.reset();
      statements.setExplaining(true);
      users.findWindow(options, ScrollRequest.first(100, CountMode.NONE));
      Window<User> deep = users.findWindow(options, new ScrollRequest(cursor, null, 100, CountMode.NONE));
      users.findAll(options.limit(100, 99_900L));
      statements.setExplaining(false);

      assertThat(deep.items()).hasSize(100);
      List<JsonNode> scans = statements.plans().stream().map(UserKeysetTest::scan).toList();
      for (JsonNode scan : scans.subList(0, 2)) {
        assertThat(scan.get("Index Name").asString()).isEqualTo(index);
        // The window and one more (to know whether there is a next); window 1,000 is the last: 100.
        assertThat(scan.get("Actual Rows").asLong()).isBetween(100L, 101L);
        assertThat(scan.has("Rows Removed by Filter")).isFalse();
      }
      assertThat(scans.get(2).get("Actual Rows").asLong()).isEqualTo(100_000); // the OFFSET page, for contrast
    }
  }

  private static String contextOf(FindOptions options) {
    return dev.inkwell.query.sql.Keyset.context("users", UserFields.USERS.keysetQuery(options), "");
  }

  /** The node under the plan's Limit: the scan that feeds it. */
  private static JsonNode scan(String planJson) {
    JsonNode node = JsonMapper.shared().readTree(planJson).get(0).get("Plan");
    while (node.get("Node Type").asString().equals("Limit")) {
      node = node.get("Plans").get(0);
    }
    return node;
  }

  @Test
  void eachCountModeRunsItsStatements() {
    fixture(40);
    FindOptions options = FindOptions.where(Where.field("age").gte(30));
    long exact = users.count(options.where());

    statements.reset();
    Window<User> none = users.findWindow(options, ScrollRequest.first(5, CountMode.NONE));
    assertThat(statements.statements()).hasSize(1).allMatch(sql -> sql.startsWith("SELECT u.id AS \"id\""));
    assertThat(none.total()).isNull();

    statements.reset();
    Window<User> counted = users.findWindow(options, ScrollRequest.first(5, CountMode.EXACT));
    assertThat(statements.statements()).hasSize(2);
    assertThat(statements.statements().get(1)).startsWith("SELECT count(*) FROM users u");
    assertThat(counted.total()).isEqualTo(exact);
    assertThat(counted.totalEstimated()).isNull();

    statements.reset();
    Window<User> planned = users.findWindow(options, ScrollRequest.first(5, CountMode.PLANNED));
    assertThat(statements.statements().get(1)).startsWith("EXPLAIN (FORMAT JSON) SELECT 1 FROM users u");
    assertThat(planned.total()).isPositive();
    assertThat(planned.totalEstimated()).isTrue();

    for (CountMode mode : CountMode.values()) {
      statements.reset();
      var page = users.findPage(options, new dev.inkwell.query.PageRequest(2, 5, mode));
      assertThat(page.items()).hasSize(5);
      assertThat(page.hasNext()).isTrue();
      switch (mode) {
        case EXACT -> {
          assertThat(statements.statements()).hasSize(2).first().asString().startsWith("SELECT count(*)");
          assertThat(page.total()).isEqualTo(exact);
        }
        case PLANNED -> {
          assertThat(statements.statements()).hasSize(2).last().asString().startsWith("EXPLAIN (FORMAT JSON)");
          assertThat(page.totalEstimated()).isTrue();
        }
        case NONE -> {
          assertThat(statements.statements()).hasSize(1).first().asString().endsWith("LIMIT ? OFFSET ?");
          assertThat(page.total()).isNull();
          assertThat(page.pages()).isNull();
        }
      }
    }
  }

  private static Sort[] sorts(String spec) {
    List<Sort> sorts = new ArrayList<>();
    for (String item : spec.split(",")) {
      String[] words = item.trim().split(" ", 2);
      String field = words[0].replace("-", "");
      String direction = (words[0].startsWith("-") ? "DESC" : "ASC") + (words.length > 1 ? " " + words[1] : "");
      sorts.add(Sort.of(field, direction));
    }
    return sorts.toArray(Sort[]::new);
  }
}
