package dev.inkwell.posts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.query.FindOptions;
import dev.inkwell.query.Page;
import dev.inkwell.query.Paging;
import dev.inkwell.query.Sort;
import dev.inkwell.query.Where;
import dev.inkwell.query.testing.StatementCounter;
import dev.inkwell.tags.Tag;

/** The guide's include examples on User, each asserting the exact graph returned. */
@PostsDataTest
class UserPostsTest {

  @Autowired
  PostService userPosts;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  StatementCounter statements;

  Fixtures db;
  int alice;
  int bob;
  int carol;
  int hello;
  int draft;
  int bobs;
  int java;
  int sql;

  /** Alice: "Hello" (published; java, sql) and "Draft" (unpublished; no tags). Bob: "Bob's" (unpublished; sql). Carol: none. */
  @BeforeEach
  void fixture() {
    db = new Fixtures(jdbc);
    alice = db.user("Alice");
    bob = db.user("Bob");
    carol = db.user("Carol");
    java = db.tag("java");
    sql = db.tag("sql");
    hello = db.post(alice, "Hello", true);
    draft = db.post(alice, "Draft", false);
    bobs = db.post(bob, "Bob's", false);
    db.link(hello, java, sql);
    db.link(bobs, sql);
  }

  private static List<String> titles(UserWithPosts user) {
    return user.posts().stream().map(Post::title).toList();
  }

  @Test
  void userWithPostsIsALeftJoin() {
    UserWithPosts a = userPosts.findUserWithPosts(alice, UserPostsInclude.posts()).orElseThrow();
    UserWithPosts c = userPosts.findUserWithPosts(carol, UserPostsInclude.posts()).orElseThrow();

    assertThat(a.user().name()).isEqualTo("Alice");
    assertThat(titles(a)).containsExactly("Hello", "Draft");
    assertThat(a.posts()).allSatisfy(p -> {
      assertThat(p.authorId()).isEqualTo(alice);
      assertThat(p.tags()).isNull();
      assertThat(p.author()).isNull();
    });
    assertThat(c.user().name()).isEqualTo("Carol");
    assertThat(c.posts()).isEmpty();
    assertThat(userPosts.findUserWithPosts(-1, UserPostsInclude.posts())).isEmpty();
  }

  @Test
  void nestedIncludeLoadsEachPostsTagsInOneStatement() {
    statements.reset();

    UserWithPosts a = userPosts.findUserWithPosts(alice, UserPostsInclude.postsWithTags()).orElseThrow();

    assertThat(statements.count()).isEqualTo(1);
    assertThat(titles(a)).containsExactly("Hello", "Draft");
    assertThat(a.posts().get(0).tags()).extracting(Tag::name).containsExactly("java", "sql");
    assertThat(a.posts().get(1).tags()).isEmpty();
  }

  @Test
  void filteredIncludeRequiredReturnsTheUserOnlyWhenAPostMatches() {
    UserPostsInclude published = new UserPostsInclude(Where.field("published").eq(true), true, false);

    assertThat(userPosts.findUserWithPosts(alice, published).map(UserPostsTest::titles)).contains(List.of("Hello"));
    assertThat(userPosts.findUserWithPosts(bob, published)).isEmpty();
    assertThat(userPosts.findUserWithPosts(carol, published)).isEmpty();
  }

  @Test
  void filteredIncludeOptionalAlwaysReturnsTheUserWithMatchingPostsOnly() {
    UserPostsInclude published = new UserPostsInclude(Where.field("published").eq(true), false, true);

    UserWithPosts a = userPosts.findUserWithPosts(alice, published).orElseThrow();
    UserWithPosts b = userPosts.findUserWithPosts(bob, published).orElseThrow();

    assertThat(titles(a)).containsExactly("Hello");
    assertThat(a.posts().get(0).tags()).extracting(Tag::name).containsExactly("java", "sql");
    assertThat(b.posts()).isEmpty();
  }

  @Test
  void requiredIncludeListsOnlyUsersWithPosts() {
    Page<UserWithPosts> authors = userPosts.findUsersWithPosts(FindOptions.all(), new UserPostsInclude(null, true, false),
        Paging.DEFAULTS.request(1, 20));
    Page<UserWithPosts> everyone = userPosts.findUsersWithPosts(FindOptions.all(), UserPostsInclude.postsWithTags(),
        Paging.DEFAULTS.request(1, 20));

    assertThat(authors.items()).extracting(u -> u.user().name()).containsExactly("Alice", "Bob");
    assertThat(authors.total()).isEqualTo(2);
    assertThat(titles(authors.items().get(0))).containsExactly("Hello", "Draft");
    assertThat(titles(authors.items().get(1))).containsExactly("Bob's");
    assertThat(everyone.items()).extracting(u -> u.user().name()).containsExactly("Alice", "Bob", "Carol");
    assertThat(everyone.items().get(1).posts().get(0).tags()).extracting(Tag::name).containsExactly("sql");
    assertThat(everyone.items().get(0).posts().get(1).tags()).isEmpty(); // Draft: a post without tags
    assertThat(everyone.items().get(2).posts()).isEmpty();
  }

  @Test
  void requiredIncludeWithAFilterOnPostsAndOnUsers() {
    Page<UserWithPosts> page = userPosts.findUsersWithPosts(
        new FindOptions(Where.field("name").ne("Alice"), null, List.of(Sort.desc("name")), null, null),
        new UserPostsInclude(Where.field("title").op(dev.inkwell.query.Op.ILIKE, "%bob%"), true, false),
        Paging.DEFAULTS.request(1, 20));

    assertThat(page.items()).extracting(u -> u.user().name()).containsExactly("Bob");
    assertThat(titles(page.items().get(0))).containsExactly("Bob's");
  }

  @Test
  void pagesCountParentsNotJoinedRows() {
    jdbc.sql("DELETE FROM users").update();
    int tag = db.tag("t");
    for (int u = 1; u <= 30; u++) {
      int user = db.user(String.format("U%02d", u));
      for (int p = 0; p < 5; p++) {
        db.link(db.post(user, "p" + p, true), tag);
      }
    }

    Page<UserWithPosts> first = userPosts.findUsersWithPosts(FindOptions.all(), UserPostsInclude.postsWithTags(),
        Paging.DEFAULTS.request(1, 20));
    Page<UserWithPosts> second = userPosts.findUsersWithPosts(FindOptions.all(), UserPostsInclude.postsWithTags(),
        Paging.DEFAULTS.request(2, 20));

    assertThat(first.items()).hasSize(20);
    assertThat(first.items()).extracting(u -> u.user().id()).doesNotHaveDuplicates();
    assertThat(first.items()).allSatisfy(u -> {
      assertThat(u.posts()).hasSize(5);
      assertThat(u.posts()).allSatisfy(p -> assertThat(p.tags()).hasSize(1));
    });
    assertThat(first).extracting(Page::total, Page::pages, Page::hasNext).containsExactly(30L, 2, true);
    assertThat(second.items()).hasSize(10);
    assertThat(second.items().get(0).user().name()).isEqualTo("U21");
  }

  @Test
  void statementCountDoesNotGrowWithParentsOrChildren() {
    jdbc.sql("DELETE FROM users").update();
    int tag = db.tag("t");
    int only = db.user("Only");
    db.link(db.post(only, "p", true), tag);

    statements.reset();
    userPosts.findUsersWithPosts(FindOptions.all(), UserPostsInclude.postsWithTags(), Paging.DEFAULTS.request(1, 100));
    int forOne = statements.count();

    IntStream.range(0, 99).forEach(i -> {
      int user = db.user("Many" + i);
      db.link(db.post(user, "a", true), tag);
      db.link(db.post(user, "b", false), tag);
    });
    statements.reset();
    Page<UserWithPosts> hundred = userPosts.findUsersWithPosts(FindOptions.all(), UserPostsInclude.postsWithTags(),
        Paging.DEFAULTS.request(1, 100));
    int forHundred = statements.count();

    assertThat(hundred.items()).hasSize(100);
    assertThat(forOne).isEqualTo(3);
    assertThat(forHundred).isEqualTo(forOne);
  }
}
