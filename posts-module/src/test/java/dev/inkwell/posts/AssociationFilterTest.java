package dev.inkwell.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.query.FindOptions;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.Page;
import dev.inkwell.query.PageRequest;
import dev.inkwell.query.Where;
import dev.inkwell.query.WhereJson;
import dev.inkwell.query.testing.StatementCounter;
import dev.inkwell.tags.Tag;
import dev.inkwell.tags.TagService;
import dev.inkwell.users.User;
import dev.inkwell.users.UserService;
import tools.jackson.databind.json.JsonMapper;

/**
 * Filters across associations ($some, $none, $every, a to-one row), each against a hand-computed
 * fixture: semi-joins (EXISTS), so parents are never repeated and pages and counts stay exact.
 */
@PostsDataTest
class AssociationFilterTest {

  @Autowired
  PostService posts;
  @Autowired
  UserService users;
  @Autowired
  TagService tags;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  StatementCounter statements;

  /**
   * Ann: p1 "a1" (published; db9), p2 "a2" (draft; sql). Bob: p3 "b1" (published; java). Cid: none.
   * Dee: p4 "d1" (draft; no tags), p5 "d2" (draft; db9, sql). Tag "unused" has no posts.
   */
  @BeforeEach
  void fixture() {
    Fixtures db = new Fixtures(jdbc);
    int ann = db.user("Ann");
    int bob = db.user("Bob");
    db.user("Cid");
    int dee = db.user("Dee");
    int db9 = db.tag("db9");
    int sql = db.tag("sql");
    int java = db.tag("java");
    db.tag("unused");
    db.link(db.post(ann, "a1", true), db9);
    db.link(db.post(ann, "a2", false), sql);
    db.link(db.post(bob, "b1", true), java);
    db.post(dee, "d1", false);
    db.link(db.post(dee, "d2", false), db9, sql);
  }

  private static Where where(String json) {
    return WhereJson.parse(JsonMapper.shared().readTree(json));
  }

  @ParameterizedTest(name = "users {0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"posts": {"$some": {"published": true}}}                                  | Ann,Bob
      {"posts": {"$none": {"published": true}}}                                  | Cid,Dee
      {"posts": {"$every": {"published": true}}}                                 | Bob,Cid
      {"posts": {"$some": {}}}                                                   | Ann,Bob,Dee
      {"posts": {"$none": {}}}                                                   | Cid
      {"posts": {"$some": {"tags": {"$some": {"name": "db9"}}}}}                 | Ann,Dee
      {"posts": {"$some": {"published": false, "tags": {"$some": {"name": "sql"}}}}} | Ann,Dee
      {"posts": {"$every": {"tags": {"$some": {}}}}}                             | Ann,Bob,Cid
      {"$or": [{"posts": {"$none": {}}}, {"name": "Bob"}]}                       | Bob,Cid
      {"$not": {"posts": {"$some": {"published": true}}}}                        | Cid,Dee
      {"posts": {"$some": {"published": true}, "$none": {"title": "b1"}}}        | Ann
      """)
  void usersByTheirPosts(String where, String expected) {
    assertThat(users.findAll(FindOptions.where(where(where))).stream().map(User::name))
        .containsExactlyElementsOf(List.of(expected.split(",")));
  }

  @ParameterizedTest(name = "posts {0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"author": {"name": "Ann"}}                                     | a1,a2
      {"author": {"name": {"$in": ["Bob", "Dee"]}}, "published": false} | d1,d2
      {"tags": {"$some": {"name": {"$in": ["db9", "sql"]}}}}          | a1,a2,d2
      {"tags": {"$none": {}}}                                         | d1
      {"tags": {"$every": {"name": "db9"}}}                           | a1,d1
      {"author": {"posts": {"$some": {"published": true}}}}           | a1,a2,b1
      """)
  void postsByAuthorAndTags(String where, String expected) {
    assertThat(posts.findAll(FindOptions.where(where(where)), PostInclude.NONE).stream().map(Post::title))
        .containsExactlyElementsOf(List.of(expected.split(",")));
  }

  @ParameterizedTest(name = "tags {0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"posts": {"$some": {"published": true}}}           | db9,java
      {"posts": {"$none": {}}}                            | unused
      {"posts": {"$some": {"author": {"name": "Dee"}}}}   | db9,sql
      """)
  void tagsByTheirPosts(String where, String expected) {
    assertThat(tags.findAll(FindOptions.where(where(where))).stream().map(Tag::name))
        .containsExactlyElementsOf(List.of(expected.split(",")));
  }

  @Test
  void aSemiJoinNeverMultipliesParentsSoPagesAndCountsStayExact() {
    Where anyPost = where("{\"posts\": {\"$some\": {\"tags\": {\"$some\": {}}}}}"); // Ann has 2 such posts, Dee 1
    statements.reset();
    Page<User> page = users.findPage(FindOptions.where(anyPost), new PageRequest(1, 10));

    assertThat(page.items().stream().map(User::name)).containsExactly("Ann", "Bob", "Dee");
    assertThat(page.total()).isEqualTo(3);
    assertThat(statements.statements()).hasSize(2).allSatisfy(sql -> assertThat(sql)
        .contains("EXISTS (SELECT 1 FROM posts p1 WHERE p1.\"authorId\" = u.id AND ( EXISTS (SELECT 1 FROM post_tags t2l JOIN tags t2")
        .doesNotContain(" JOIN posts"));
    Page<UserWithPosts> withPosts = posts.findUsersWithPosts(FindOptions.where(where("{\"posts\": {\"$every\": {\"published\": true}}}")),
        new UserPostsInclude(Where.ALL, false, true), new PageRequest(1, 10));
    assertThat(withPosts.items().stream().map(u -> u.user().name() + ":" + u.posts().size())).containsExactly("Bob:1", "Cid:0");
  }

  /** order=author.name: the author's name read by a scalar subquery, whatever the post includes. */
  @Test
  void ordersPostsByTheirAuthorsField() {
    statements.reset();
    List<String> titles = posts.findAll(FindOptions.all().order(dev.inkwell.query.Sort.desc("author.name"),
        dev.inkwell.query.Sort.asc("title")), PostInclude.NONE).stream().map(Post::title).toList();

    assertThat(titles).containsExactly("d1", "d2", "b1", "a1", "a2");
    assertThat(statements.last()).contains("ORDER BY (SELECT uo.\"name\" FROM users uo WHERE uo.id = p.\"authorId\") DESC");
    assertThat(posts.findPage(FindOptions.all().order(dev.inkwell.query.Sort.asc("author.name")), new PageRequest(1, 2),
        PostInclude.NONE).items().stream().map(Post::title)).containsExactly("a1", "a2");
    assertThatThrownBy(() -> users.findAll(FindOptions.all().order(dev.inkwell.query.Sort.asc("posts.title"))))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("'posts' holds many rows");
  }

  @Test
  void unknownAssociationsAndMisusedQuantifiersAreRefused() {
    assertThatThrownBy(() -> users.findAll(FindOptions.where(where("{\"friends\": {\"$some\": {}}}"))))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("unknown field or association 'friends' of users")
        .hasMessageContaining("associations: posts");
    assertThatThrownBy(() -> posts.findAll(FindOptions.where(where("{\"author\": {\"$none\": {}}}")), PostInclude.NONE))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("'author' is one row");
    assertThatThrownBy(() -> users.findAll(FindOptions.where(where("{\"age\": {\"gt\": 5}}"))))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("operators start with $");
    assertThatThrownBy(() -> users.findAll(FindOptions.where(where("{\"posts\": {\"$some\": {\"password\": 1}}}"))))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("unknown field 'password' of posts");
    assertThatThrownBy(() -> users.findAll(FindOptions.where(where("{\"posts\": {\"$some\": {}, \"$gt\": 1}}"))))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("cannot be mixed");
    // Each association filter is a subquery to plan: depth and number are capped (hundreds would outlast any timeout).
    String five = "{\"author\": {\"posts\": {\"$some\": {\"author\": {\"posts\": {\"$some\": {\"author\": {\"name\": \"x\"}}}}}}}}";
    assertThatThrownBy(() -> posts.findAll(FindOptions.where(where(five)), PostInclude.NONE))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("nested at most 4 deep");
    String seventeen = "{\"$or\": [" + String.join(",", java.util.Collections.nCopies(17, "{\"posts\": {\"$some\": {}}}")) + "]}";
    assertThatThrownBy(() -> users.findAll(FindOptions.where(where(seventeen))))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("at most 16 associations");
  }
}
