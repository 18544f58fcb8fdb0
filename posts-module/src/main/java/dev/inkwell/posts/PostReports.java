package dev.inkwell.posts;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** The rows of the posts reports ({@link PostService}, from PostReportMapper.xml). */
public final class PostReports {

  private PostReports() {
  }

  /** A post's place among its author's posts, newest first. */
  public record AuthorPostRank(Integer authorId, Integer postId, String title, OffsetDateTime createdAt, long rank) {
  }

  /** Posts created on a day (UTC); days without posts count 0. */
  public record DayCount(LocalDate day, long posts) {
  }
}
