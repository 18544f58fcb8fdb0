package dev.inkwell.compat;

import static dev.inkwell.compat.Expect.equal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.inkwell.posts.NewPost;
import dev.inkwell.posts.PostReports.DayCount;
import dev.inkwell.query.PageRequest;
import dev.inkwell.users.NewUser;
import dev.inkwell.users.User;
import dev.inkwell.users.UserReports.MetadataValue;
import dev.inkwell.users.UserReports.NameAge;

/** The guide's raw-SQL section through the report mappers, on the guide's users. */
final class AdvancedSqlChecks {

  static final String CATEGORY = "Advanced SQL (window, CTE, DISTINCT ON)";
  /** The reports read a page; this one holds every row the checks write. */
  private static final PageRequest FIRST = new PageRequest(1, 100);

  private AdvancedSqlChecks() {
  }

  private static Check check(String name, Check.Body body) {
    return new Check(CATEGORY, name, true, body);
  }

  private static void users(CompatContext ctx) {
    ctx.guideUsers();
    ctx.users.create(NewUser.of("erin@example.com", "Erin", 30));
  }

  static List<Check> all() {
    return List.of(
        check("window: ROW_NUMBER() OVER (ORDER BY age DESC) (guide)", ctx -> {
          users(ctx);
          equal(ctx.users.rankedByAge(FIRST).stream().map(r -> r.name() + ":" + r.rowNumber()).toList(),
              List.of("Dave:1", "Carol:2", "Alice:3", "Erin:4", "Bob:5"), "ranks");
          return Outcome.pass();
        }),
        check("window: RANK and DENSE_RANK share ranks on ties", ctx -> {
          users(ctx);
          equal(ctx.users.rankedByAge(FIRST).stream().map(r -> r.rank() + "/" + r.denseRank()).toList(),
              List.of("1/1", "2/2", "3/3", "3/3", "5/4"), "rank/dense rank");
          return Outcome.pass();
        }),
        check("window per group: posts ranked within each author", ctx -> {
          List<User> u = ctx.guideUsers();
          for (String title : List.of("first", "second")) {
            ctx.posts.create(new NewPost(title, "x", true, u.get(0).id()));
          }
          ctx.posts.create(new NewPost("only", "x", true, u.get(1).id()));
          equal(ctx.posts.rankedPerAuthor(FIRST).stream().map(r -> r.title() + ":" + r.rank()).toList(),
              List.of("second:1", "first:2", "only:1"), "ranks");
          return Outcome.pass();
        }),
        check("CTE: WITH active AS (...) (guide)", ctx -> {
          users(ctx);
          equal(ctx.users.active(FIRST), List.of(new NameAge("Bob", 25), new NameAge("Alice", 30), new NameAge("Erin", 30),
              new NameAge("Carol", 35)), "active users by age");
          return Outcome.pass();
        }),
        check("recursive CTE: posts per day with empty days", ctx -> {
          ctx.posts.create(new NewPost("today", "x", true, ctx.guideUsers().get(0).id()));
          LocalDate today = LocalDate.now(ZoneOffset.UTC);
          equal(ctx.posts.countsPerDay(today.minusDays(2), today),
              List.of(new DayCount(today.minusDays(2), 0), new DayCount(today.minusDays(1), 0), new DayCount(today, 1)), "days");
          return Outcome.pass();
        }),
        check("DISTINCT ON (age) ORDER BY age, name (guide)", ctx -> {
          users(ctx);
          equal(ctx.users.firstPerAge(FIRST), List.of(new NameAge("Bob", 25), new NameAge("Alice", 30), new NameAge("Carol", 35),
              new NameAge("Dave", 40)), "first per age");
          return Outcome.pass();
        }),
        check("bound parameters: age > $1 AND age < $2 (guide)", ctx -> {
          users(ctx);
          equal(ctx.users.ageBetween(20, 35, FIRST).stream().map(User::name).toList(), List.of("Alice", "Bob", "Erin"), "users");
          return Outcome.pass();
        }),
        check("JSONB -> and ->>", ctx -> {
          users(ctx);
          MetadataValue alice = ctx.users.metadata("team", null, FIRST).get(0);
          equal(alice.value(), Map.of("name", "core"), "metadata -> 'team'");
          equal(ctx.users.metadata("role", null, FIRST).get(1).text(), "user", "metadata ->> 'role'");
          return Outcome.pass();
        }),
        check("JSONB @>", ctx -> {
          users(ctx);
          equal(ctx.users.metadata("role", Map.of("role", "admin"), FIRST).stream().map(MetadataValue::name).toList(), List.of("Alice"),
              "contains");
          return Outcome.pass();
        }));
  }
}
