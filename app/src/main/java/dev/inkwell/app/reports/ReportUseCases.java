package dev.inkwell.app.reports;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import dev.inkwell.app.transactions.ReadOnly;
import dev.inkwell.posts.PostReports.AuthorPostRank;
import dev.inkwell.posts.PostReports.DayCount;
import dev.inkwell.posts.PostService;
import dev.inkwell.users.User;
import dev.inkwell.users.UserReports.AgeRank;
import dev.inkwell.users.UserReports.MetadataValue;
import dev.inkwell.users.UserReports.NameAge;
import dev.inkwell.users.UserService;

/** Reports are reads of one statement each: they run without a transaction (see UserUseCases). */
@Service
@ReadOnly
public class ReportUseCases {

  private final UserService users;
  private final PostService posts;

  public ReportUseCases(UserService users, PostService posts) {
    this.users = users;
    this.posts = posts;
  }

  public List<AgeRank> usersRankedByAge() {
    return users.rankedByAge();
  }

  public List<NameAge> activeUsers() {
    return users.active();
  }

  public List<NameAge> firstUserPerAge() {
    return users.firstPerAge();
  }

  public List<User> usersAgedBetween(int min, int max) {
    return users.ageBetween(min, max);
  }

  public List<MetadataValue> usersMetadata(String key, Map<String, Object> contains) {
    return users.metadata(key, contains);
  }

  public List<AuthorPostRank> postsRankedPerAuthor() {
    return posts.rankedPerAuthor();
  }

  public List<DayCount> postsPerDay(LocalDate from, LocalDate to) {
    return posts.countsPerDay(from, to);
  }
}
