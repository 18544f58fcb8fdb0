package dev.inkwell.app.reports;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.inkwell.posts.PostReports.AuthorPostRank;
import dev.inkwell.posts.PostReports.DayCount;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.Paging;
import dev.inkwell.users.User;
import dev.inkwell.users.UserReports.AgeRank;
import dev.inkwell.users.UserReports.MetadataValue;
import dev.inkwell.users.UserReports.NameAge;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The guide's raw-SQL examples (window functions, CTEs, DISTINCT ON, bound parameters) and JSONB reads;
 * each a page of rows ({@code page}, {@code size}: the lists' defaults and cap), the per-day counts
 * bounded by their days.
 */
@RestController
@Tag(name = "Reports")
@RequestMapping("/api/reports")
class ReportController {

  private final ReportUseCases reports;
  private final Paging paging;

  ReportController(ReportUseCases reports, Paging paging) {
    this.reports = reports;
    this.paging = paging;
  }

  @Operation(summary = "Users ranked by age (ROW_NUMBER, RANK, DENSE_RANK)")
  @GetMapping("/users/ranked-by-age")
  List<AgeRank> rankedByAge(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    return reports.usersRankedByAge(paging.request(page, size));
  }

  @Operation(summary = "Active users (the guide's CTE)")
  @GetMapping("/users/active")
  List<NameAge> active(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    return reports.activeUsers(paging.request(page, size));
  }

  @Operation(summary = "First user per age (DISTINCT ON)")
  @GetMapping("/users/first-per-age")
  List<NameAge> firstPerAge(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    return reports.firstUserPerAge(paging.request(page, size));
  }

  @Operation(summary = "Users with min < age < max (bound parameters)")
  @GetMapping("/users/age-between")
  List<User> ageBetween(@RequestParam int min, @RequestParam int max, @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    return reports.usersAgedBetween(min, max, paging.request(page, size));
  }

  /** {@code ?key=role&contains={"team":{"name":"core"}}}. */
  @Operation(summary = "A metadata key of each user (->, ->>, @>)")
  @GetMapping("/users/metadata")
  List<MetadataValue> metadata(@RequestParam String key, @RequestParam(required = false) String contains,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    Map<String, Object> document = null;
    if (contains != null) {
      try {
        document = JsonMapper.shared().readValue(contains, new TypeReference<Map<String, Object>>() { });
      } catch (JacksonException e) {
        throw new InvalidQueryException("contains", "contains takes a JSON object");
      }
    }
    return reports.usersMetadata(key, document, paging.request(page, size));
  }

  @Operation(summary = "Posts ranked within each author")
  @GetMapping("/posts/ranked-per-author")
  List<AuthorPostRank> rankedPerAuthor(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    return reports.postsRankedPerAuthor(paging.request(page, size));
  }

  /** {@code ?from=2026-01-01&to=2026-01-31}: posts per UTC day, days without posts included. */
  @Operation(summary = "Posts per day, empty days included (recursive CTE)")
  @GetMapping("/posts/per-day")
  List<DayCount> perDay(@RequestParam LocalDate from, @RequestParam LocalDate to) {
    return reports.postsPerDay(from, to);
  }
}
