package dev.inkwell.posts;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.stereotype.Service;

import dev.inkwell.posts.PostReports.AuthorPostRank;
import dev.inkwell.posts.PostReports.DayCount;
import dev.inkwell.posts.internal.PostReportMapper;
import dev.inkwell.query.InvalidQueryException;

/** Advanced SQL on posts: ranking within each author, and a day series built by a recursive CTE. */
@Service
public class PostReportService {

  static final int MAX_DAYS = 366;

  private final PostReportMapper mapper;

  public PostReportService(PostReportMapper mapper) {
    this.mapper = mapper;
  }

  /** Every post with its rank among its author's posts (1 = newest), by author then rank. */
  public List<AuthorPostRank> rankedPerAuthor() {
    return mapper.selectRankedPerAuthor();
  }

  /** Posts per UTC day from {@code from} to {@code to} inclusive (at most 366 days), zero days included. */
  public List<DayCount> countsPerDay(LocalDate from, LocalDate to) {
    if (from == null || to == null || to.isBefore(from)) {
      throw new InvalidQueryException("to", "give from <= to (ISO dates)");
    }
    if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw new InvalidQueryException("to", "at most " + MAX_DAYS + " days per report");
    }
    return mapper.selectCountsPerDay(from, to);
  }
}
