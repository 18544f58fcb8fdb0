package dev.inkwell.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mybatis.spring.boot.test.autoconfigure.MybatisTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.migrations.testing.PostgresTestDatabase;
import dev.inkwell.query.BulkUpsert;
import dev.inkwell.query.FindOptions;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.OnConflict;
import dev.inkwell.query.Page;
import dev.inkwell.query.Paging;
import dev.inkwell.query.Sort;
import dev.inkwell.query.Where;

@MybatisTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({PostgresTestDatabase.class, TagService.class})
class TagServiceTest {

  @Autowired
  TagService tags;
  @Autowired
  JdbcClient jdbc;

  @BeforeEach
  void emptyTable() {
    jdbc.sql("DELETE FROM tags").update(); // rolled back with the test
  }

  @Test
  void bulkUpsertCreatesTheMissingNamesAndReportsTheRestInInputOrder() {
    Tag db9 = tags.create(new NewTag("db9"));
    List<NewTag> batch = List.of(new NewTag("sql"), new NewTag("db9"), new NewTag("java"));

    BulkUpsert merged = tags.bulkUpsert(batch, OnConflict.MERGE);
    assertThat(merged.rows()).extracting(BulkUpsert.Row::key).containsExactly("sql", "db9", "java");
    assertThat(merged.rows()).extracting(BulkUpsert.Row::created).containsExactly(true, false, true);
    assertThat(merged.rows().get(1).id()).isEqualTo(db9.id());
    assertThat(Arrays.asList(merged.created(), merged.updated(), merged.ignored())).containsExactly(2, 1, 0);

    BulkUpsert ignored = tags.bulkUpsert(List.of(new NewTag("db9"), new NewTag("go")),
        OnConflict.IGNORE);
    assertThat(Arrays.asList(ignored.created(), ignored.updated(), ignored.ignored())).containsExactly(1, 0, 1);
    assertThat(jdbc.sql("SELECT count(*) FROM tags").query(Integer.class).single()).isEqualTo(4);
    assertThatThrownBy(() -> tags.bulkUpsert(List.of(new NewTag("a"), new NewTag("a")), OnConflict.MERGE))
        .isInstanceOf(InvalidQueryException.class).hasMessage("names given more than once: a");
  }

  @Test
  void createAndReadTheGuidesTag() {
    Tag db9 = tags.create(new NewTag("db9"));

    assertThat(db9.id()).isPositive();
    assertThat(tags.get(db9.id())).isEqualTo(db9);
    assertThat(tags.findOne(Where.field("name").eq("db9"))).contains(db9);
    assertThatThrownBy(() -> tags.get(-1)).isInstanceOf(TagNotFoundException.class).hasMessage("no tag with id -1");
    // Last: a failed statement aborts the PostgreSQL transaction, as it would the caller's.
    assertThatThrownBy(() -> tags.create(new NewTag("db9"))).isInstanceOf(DuplicateTagException.class)
        .hasMessage("a tag named 'db9' already exists");
  }

  @Test
  void findOrCreateReturnsTheSameTagEveryTime() {
    Tag first = tags.findOrCreate("java");
    Tag again = tags.findOrCreate("java");
    List<Tag> mixed = tags.findOrCreateAll(List.of("sql", "java", "sql", "db9"));

    assertThat(again).isEqualTo(first);
    assertThat(mixed).extracting(Tag::name).containsExactlyInAnyOrder("java", "sql", "db9");
    assertThat(mixed).contains(first);
    assertThat(jdbc.sql("SELECT count(*) FROM tags").query(Long.class).single()).isEqualTo(3);
    assertThatThrownBy(() -> tags.findOrCreate(" ")).isInstanceOf(InvalidQueryException.class);
  }

  @Test
  void getAllNamesTheMissingIds() {
    Tag a = tags.create(new NewTag("a"));

    assertThat(tags.getAll(List.of(a.id()))).containsExactly(a);
    assertThatThrownBy(() -> tags.getAll(List.of(a.id(), -5, -6))).isInstanceOf(TagNotFoundException.class)
        .hasMessage("no tags with ids [-6, -5]");
  }

  private void twelveTags() {
    IntStream.rangeClosed(1, 12).forEach(i -> tags.create(new NewTag("tag-" + (char) ('a' + i))));
  }

  @Test
  void findAllFiltersWithTheSharedModel() {
    twelveTags();

    assertThat(tags.findAll(new FindOptions(Where.field("name").op(dev.inkwell.query.Op.STARTS_WITH, "tag-b"), null,
        List.of(Sort.desc("name")), null, null))).extracting(Tag::name).containsExactly("tag-b");
  }

  @Test
  void aPageIsOrderedAndCounted() {
    twelveTags();

    Page<Tag> page = tags.findPage(FindOptions.all().order(Sort.desc("name")), Paging.DEFAULTS.request(2, 5));

    assertThat(page.items()).extracting(Tag::name).containsExactly("tag-h", "tag-g", "tag-f", "tag-e", "tag-d");
    assertThat(page).extracting(Page::total, Page::pages, Page::hasNext).containsExactly(12L, 3, true);
  }

  @Test
  void countCountsUnderAFilter() {
    twelveTags();

    assertThat(tags.count(Where.field("name").in("tag-b", "tag-c", "nope"))).isEqualTo(2);
  }

  @Test
  void anUnknownFieldIsRefusedNamingTheAllowedOnes() {
    assertThatThrownBy(() -> tags.findAll(FindOptions.where(Where.field("title").eq("x"))))
        .isInstanceOf(InvalidQueryException.class).hasMessage("unknown field 'title' of tags; allowed: id, name");
  }

  @Test
  void renameChangesTheName() {
    Tag a = tags.create(new NewTag("a"));

    assertThat(tags.rename(a.id(), new NewTag("aa")).name()).isEqualTo("aa");
    assertThat(jdbc.sql("SELECT name FROM tags").query(String.class).list()).containsExactly("aa");
  }

  @Test
  void renameToATakenNameIsADuplicate() {
    tags.create(new NewTag("c"));
    Tag d = tags.create(new NewTag("d"));

    assertThatThrownBy(() -> tags.rename(d.id(), new NewTag("c"))).isInstanceOf(DuplicateTagException.class);
  }

  @Test
  void deleteAndDestroyRemoveOnlyTheirTags() {
    Tag a = tags.create(new NewTag("a"));
    tags.create(new NewTag("b"));
    tags.create(new NewTag("c"));

    tags.delete(a.id());
    assertThat(tags.destroy(Where.field("name").eq("b"))).isEqualTo(1);

    assertThat(jdbc.sql("SELECT name FROM tags").query(String.class).list()).containsExactly("c");
  }

  @Test
  void destroyRefusesAnEmptyFilter() {
    tags.create(new NewTag("a"));

    assertThatThrownBy(() -> tags.destroy(Where.ALL)).isInstanceOf(InvalidQueryException.class);
    assertThat(jdbc.sql("SELECT count(*) FROM tags").query(Integer.class).single()).isEqualTo(1);
  }
}
