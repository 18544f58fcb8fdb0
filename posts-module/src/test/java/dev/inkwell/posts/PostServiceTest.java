package dev.inkwell.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.query.FindOptions;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.Page;
import dev.inkwell.query.Paging;
import dev.inkwell.query.Sort;
import dev.inkwell.query.Where;
import dev.inkwell.query.testing.StatementCounter;
import dev.inkwell.tags.Tag;
import dev.inkwell.tags.TagNotFoundException;

/** Post CRUD, belongsTo author, belongsToMany tags, and the cascades, on PostgreSQL. */
@PostsDataTest
class PostServiceTest {

  @Autowired
  PostService posts;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  StatementCounter statements;

  Fixtures db;
  int alice;

  @BeforeEach
  void fixture() {
    db = new Fixtures(jdbc);
    alice = db.user("Alice");
  }

  @Test
  void createFillsDefaults() {
    Post post = posts.create(new NewPost("Transactional Post", "Atomic.", null, alice));

    assertThat(post.id()).isPositive();
    assertThat(post.published()).isFalse();
    assertThat(post.createdAt()).isNotNull();
    assertThat(post.author()).isNull();
    assertThat(post.tags()).isNull();
  }

  @Test
  void createRefusesAMissingAuthorByName() {
    assertThatThrownBy(() -> posts.create(new NewPost("x", "y", null, -7)))
        .isInstanceOf(InvalidQueryException.class).hasMessage("author -7 does not exist");
    assertThat(db.count("SELECT count(*) FROM posts")).isZero();
  }

  @Test
  void postWithItsAuthorAndTagsInOneStatement() {
    int post = db.post(alice, "Hello", true);
    int b = db.tag("b-tag");
    int a = db.tag("a-tag");
    db.link(post, b, a);
    statements.reset();

    Post loaded = posts.get(post, PostInclude.ALL);

    assertThat(statements.count()).isEqualTo(1);
    assertThat(loaded.title()).isEqualTo("Hello");
    assertThat(loaded.author().name()).isEqualTo("Alice");
    assertThat(loaded.author().email()).isEqualTo("alice@example.com");
    assertThat(loaded.tags()).extracting(Tag::id).containsExactly(Math.min(a, b), Math.max(a, b));
    assertThat(posts.get(db.post(alice, "Bare", false), PostInclude.ALL).tags()).isEmpty();
    assertThat(posts.get(post, PostInclude.NONE).author()).isNull();
    assertThatThrownBy(() -> posts.get(-1, PostInclude.NONE)).isInstanceOf(PostNotFoundException.class);
  }

  @Test
  void tagWithItsPosts() {
    int bob = db.user("Bob");
    int tag = db.tag("db9");
    int unused = db.tag("unused");
    int p1 = db.post(alice, "One", true);
    int p2 = db.post(bob, "Two", false);
    db.post(bob, "Untagged", true);
    db.link(p1, tag);
    db.link(p2, tag);

    TagWithPosts loaded = posts.findTagWithPosts(tag).orElseThrow();

    assertThat(loaded.tag().name()).isEqualTo("db9");
    assertThat(loaded.posts()).extracting(Post::title).containsExactly("One", "Two");
    assertThat(posts.findTagWithPosts(unused).orElseThrow().posts()).isEmpty();
    assertThat(posts.findTagWithPosts(-1)).isEmpty();
  }

  private void twentyFiveTaggedPosts() {
    int t1 = db.tag("t1");
    int t2 = db.tag("t2");
    for (int i = 1; i <= 25; i++) {
      db.link(db.post(alice, String.format("Post %02d", i), i % 2 == 0), t1, t2);
    }
  }

  @Test
  void aPageWithAuthorsAndTagsTakesThreeStatements() {
    twentyFiveTaggedPosts();
    statements.reset();

    Page<Post> page = posts.findPage(FindOptions.where(Where.field("title").op(dev.inkwell.query.Op.STARTS_WITH, "Post"))
        .order(Sort.desc("title")), Paging.DEFAULTS.request(1, 10), PostInclude.ALL);

    assertThat(statements.count()).isEqualTo(3);
    assertThat(page.items()).hasSize(10).extracting(Post::title).startsWith("Post 25", "Post 24");
    assertThat(page.items()).allSatisfy(p -> {
      assertThat(p.tags()).extracting(Tag::name).containsExactly("t1", "t2");
      assertThat(p.author().name()).isEqualTo("Alice");
    });
    assertThat(page.total()).isEqualTo(25);
  }

  @Test
  void countCountsUnderAFilter() {
    twentyFiveTaggedPosts();

    assertThat(posts.count(Where.field("published").eq(true))).isEqualTo(12);
  }

  @Test
  void findAllTakesLimitAndOffset() {
    twentyFiveTaggedPosts();

    assertThat(posts.findAll(FindOptions.where(Where.field("published").eq(true)).order(Sort.asc("title"))
        .limit(2, 1L), PostInclude.NONE)).extracting(Post::title).containsExactly("Post 04", "Post 06");
  }

  @Test
  void anUnknownFieldIsRefused() {
    assertThatThrownBy(() -> posts.findAll(FindOptions.where(Where.field("email").eq("x")), PostInclude.NONE))
        .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith("unknown field 'email' of posts");
  }

  @Test
  void updateByFilterChangesTheMatchingPost() {
    int post = db.post(alice, "Old", false);
    db.post(alice, "Other", false);

    assertThat(posts.update(PostChanges.set("published", true), Where.field("id").eq(post))).isEqualTo(1);
    assertThat(posts.get(post, PostInclude.NONE).published()).isTrue();
    assertThat(db.count("SELECT count(*) FROM posts WHERE published")).isEqualTo(1);
  }

  @Test
  void updateRefusesAMissingAuthor() {
    db.post(alice, "Old", false);

    assertThatThrownBy(() -> posts.update(PostChanges.set("authorId", -3), Where.ALL))
        .isInstanceOf(InvalidQueryException.class).hasMessage("author -3 does not exist");
  }

  @Test
  void destroyByFilterDeletesTheMatchingPost() {
    db.post(alice, "Old", false);
    db.post(alice, "Other", false);

    assertThat(posts.destroy(Where.field("title").eq("Other"))).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM posts")).isEqualTo(1);
  }

  @Test
  void destroyRefusesAnEmptyFilter() {
    db.post(alice, "Old", false);

    assertThatThrownBy(() -> posts.destroy(Where.ALL)).isInstanceOf(InvalidQueryException.class);
    assertThat(db.count("SELECT count(*) FROM posts")).isEqualTo(1);
  }

  @Test
  void addingATagTwiceLeavesOneLink() {
    int post = db.post(alice, "Hello", true);
    int db9 = db.tag("db9");

    posts.addTags(post, List.of(db9));
    List<Tag> after = posts.addTags(post, List.of(db9));

    assertThat(after).extracting(Tag::name).containsExactly("db9");
    assertThat(db.count("SELECT count(*) FROM post_tags WHERE \"postId\" = ?", post)).isEqualTo(1);
    assertThat(posts.hasTag(post, db9)).isTrue();
    assertThat(posts.countTags(post)).isEqualTo(1);
  }

  @Test
  void theGuidesAddAndRemoveTag() {
    int post = db.post(alice, "Hello", true);
    int db9 = db.tag("db9");

    posts.addTags(post, List.of(db9));
    assertThat(posts.removeTag(post, db9)).isTrue();
    assertThat(posts.removeTag(post, db9)).isFalse();

    assertThat(posts.hasTag(post, db9)).isFalse();
    assertThat(posts.countTags(post)).isZero();
    assertThat(db.count("SELECT count(*) FROM tags WHERE id = ?", db9)).isEqualTo(1);
  }

  @Test
  void setTagsReplacesAllAndNamesAreFoundOrCreated() {
    int post = db.post(alice, "Hello", true);
    int keep = db.tag("keep");
    int drop = db.tag("drop");
    posts.addTags(post, List.of(keep, drop));

    List<Tag> set = posts.setTagsByName(post, List.of("keep", "new"));

    assertThat(set).extracting(Tag::name).containsExactly("keep", "new");
    assertThat(posts.hasTag(post, drop)).isFalse();
    assertThat(posts.setTags(post, List.of())).isEmpty();
    assertThat(posts.addTagsByName(post, List.of("java", "java"))).extracting(Tag::name).containsExactly("java");
    assertThat(db.count("SELECT count(*) FROM tags WHERE name IN ('keep', 'drop', 'new', 'java')")).isEqualTo(4);
  }

  /** The post checked once, the names resolved once, the links written, the tags read back (was 6: both twice). */
  @Test
  void addingTagsByNameTakesFourStatements() {
    int post = db.post(alice, "Hello", true);
    statements.reset();

    List<Tag> tags = posts.addTagsByName(post, List.of("db9", "java"));

    assertThat(statements.count()).isEqualTo(4);
    assertThat(tags).extracting(Tag::name).containsExactlyInAnyOrder("db9", "java");
  }

  /** As adding, plus one statement that unlinks the others (was 7). */
  @Test
  void settingTagsByNameTakesFiveStatements() {
    int post = db.post(alice, "Hello", true);
    db.link(post, db.tag("old"));
    statements.reset();

    List<Tag> tags = posts.setTagsByName(post, List.of("db9"));

    assertThat(statements.count()).isEqualTo(5);
    assertThat(tags).extracting(Tag::name).containsExactly("db9");
  }

  @Test
  void tagsForMissingPostsOrTagsAreRefusedByName() {
    int post = db.post(alice, "Hello", true);
    int tag = db.tag("real");

    assertThatThrownBy(() -> posts.addTags(-1, List.of(tag))).isInstanceOf(PostNotFoundException.class)
        .hasMessage("no post with id -1");
    assertThatThrownBy(() -> posts.addTags(post, List.of(tag, -9))).isInstanceOf(TagNotFoundException.class)
        .hasMessage("no tag with id -9");
    assertThat(posts.countTags(post)).isZero();
  }

  @Test
  void deletingAUserRemovesItsPostsAndTheirLinks() {
    int post = db.post(alice, "Hello", true);
    int tag = db.tag("stays");
    db.link(post, tag);

    jdbc.sql("DELETE FROM users WHERE id = ?").param(alice).update();

    assertThat(db.count("SELECT count(*) FROM posts WHERE id = ?", post)).isZero();
    assertThat(db.count("SELECT count(*) FROM post_tags WHERE \"postId\" = ?", post)).isZero();
    assertThat(db.count("SELECT count(*) FROM tags WHERE id = ?", tag)).isEqualTo(1);
  }

  @Test
  void deletingATagRemovesItsLinksAndKeepsThePosts() {
    int post = db.post(alice, "Hello", true);
    int tag = db.tag("gone");
    db.link(post, tag);

    jdbc.sql("DELETE FROM tags WHERE id = ?").param(tag).update();

    assertThat(db.count("SELECT count(*) FROM post_tags WHERE \"tagId\" = ?", tag)).isZero();
    assertThat(db.count("SELECT count(*) FROM posts WHERE id = ?", post)).isEqualTo(1);
  }
}
