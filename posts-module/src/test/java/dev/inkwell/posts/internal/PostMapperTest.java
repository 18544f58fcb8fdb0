package dev.inkwell.posts.internal;

import static dev.inkwell.posts.PostFields.POSTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.posts.Fixtures;
import dev.inkwell.posts.PostChanges;
import dev.inkwell.posts.PostsDataTest;
import dev.inkwell.query.FindOptions;
import dev.inkwell.query.Where;
import dev.inkwell.query.sql.IdRange;
import dev.inkwell.query.sql.SqlQuery;
import dev.inkwell.tags.Tag;

/**
 * PostMapper.xml's statements with the most logic, called directly on rows written with plain SQL:
 * the search (with its author join) against its _COUNT, the tags of many posts, and a chunked update.
 */
@PostsDataTest
class PostMapperTest {

  @Autowired
  PostMapper mapper;
  @Autowired
  JdbcClient jdbc;

  Fixtures db;
  List<Integer> posts;

  /** Alice's three posts (the second unpublished), Bob's two. */
  @BeforeEach
  void fivePosts() {
    db = new Fixtures(jdbc);
    int alice = db.user("Alice");
    int bob = db.user("Bob");
    posts = List.of(db.post(alice, "A1", true), db.post(alice, "A2", false), db.post(alice, "A3", true),
        db.post(bob, "B1", true), db.post(bob, "B2", true));
  }

  @Test
  void aSearchWithItsAuthorsAndItsCountAgree() {
    SqlQuery published = POSTS.query(FindOptions.where(Where.field("published").eq(true)));

    List<PostRow> rows = mapper.selectByQuery(published, true);

    assertThat(mapper.selectByQuery_COUNT(published, true)).isEqualTo(rows.size()).isEqualTo(4);
    assertThat(rows).extracting(row -> row.toPost(false).author().name()).containsExactly("Alice", "Alice", "Bob", "Bob");
  }

  @Test
  void theTagsOfManyPostsComeGroupedByPost() {
    int java = db.tag("java");
    int sql = db.tag("sql");
    db.link(posts.get(0), java, sql);
    db.link(posts.get(3), sql);

    List<PostRow> rows = mapper.selectTagsOfPosts(List.of(posts.get(0), posts.get(1), posts.get(3)));

    assertThat(rows).extracting(PostRow::getId).containsExactly(posts.get(0), posts.get(3));
    assertThat(rows.get(0).getTags()).containsExactly(new Tag(java, "java"), new Tag(sql, "sql"));
    assertThat(rows.get(1).getTags()).extracting(Tag::name).containsExactly("sql");
  }

  @Test
  void anUpdateNarrowedToAnIdRangeChangesOnlyMatchingPostsInIt() {
    int changed = mapper.updateByQuery(PostChanges.set("title", "chunk"),
        POSTS.where(Where.field("published").eq(true)).inIds(new IdRange(posts.get(0), posts.get(3))));

    assertThat(changed).isEqualTo(2); // A1 and A3; A2 is unpublished, B1 past the range
    assertThat(db.count("SELECT count(*) FROM posts WHERE title = 'chunk'")).isEqualTo(2);
  }
}
