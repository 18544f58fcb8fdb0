package dev.inkwell.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.posts.PostReports.DayCount;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.PageRequest;

@PostsDataTest
class PostReportsTest {

  static final PageRequest ALL = new PageRequest(1, 100);

  @Autowired
  PostService reports;
  @Autowired
  JdbcClient jdbc;
  Fixtures db;
  int alice;
  int bob;

  @BeforeEach
  void fixture() {
    db = new Fixtures(jdbc);
    alice = db.user("Alice");
    bob = db.user("Bob");
    post(alice, "A1", "2026-01-01T10:00:00Z");
    post(alice, "A2", "2026-01-03T23:30:00Z");
    post(alice, "A3", "2026-01-03T08:00:00Z");
    post(bob, "B1", "2026-01-02T12:00:00Z");
  }

  private void post(int author, String title, String createdAt) {
    jdbc.sql("INSERT INTO posts (title, content, \"authorId\", \"createdAt\") VALUES (?, 'x', ?, CAST(? AS timestamptz))")
        .params(title, author, createdAt).update();
  }

  @Test
  void postsRankedWithinEachAuthorNewestFirst() {
    assertThat(reports.rankedPerAuthor(ALL)).extracting(r -> r.title() + ":" + r.rank())
        .containsExactly("A2:1", "A3:2", "A1:3", "B1:1");
    assertThat(reports.rankedPerAuthor(ALL).get(3).authorId()).isEqualTo(bob);
    // One page at a time: the next page goes on where the last ended.
    assertThat(reports.rankedPerAuthor(new PageRequest(2, 3))).extracting(r -> r.title() + ":" + r.rank()).containsExactly("B1:1");
  }

  @Test
  void recursiveDaySeriesCountsZeroDaysToo() {
    assertThat(reports.countsPerDay(LocalDate.parse("2025-12-31"), LocalDate.parse("2026-01-04"))).containsExactly(
        new DayCount(LocalDate.parse("2025-12-31"), 0), new DayCount(LocalDate.parse("2026-01-01"), 1),
        new DayCount(LocalDate.parse("2026-01-02"), 1), new DayCount(LocalDate.parse("2026-01-03"), 2),
        new DayCount(LocalDate.parse("2026-01-04"), 0));
    assertThatThrownBy(() -> reports.countsPerDay(LocalDate.parse("2026-01-02"), LocalDate.parse("2026-01-01")))
        .isInstanceOf(InvalidQueryException.class);
    assertThatThrownBy(() -> reports.countsPerDay(LocalDate.parse("2020-01-01"), LocalDate.parse("2026-01-01")))
        .isInstanceOf(InvalidQueryException.class).hasMessage("at most 366 days per report");
  }
}
