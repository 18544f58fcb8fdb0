package dev.inkwell.app.reports;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import dev.inkwell.app.transactions.ReadOnly;
import dev.inkwell.posts.PostReports.AuthorPostRank;
import dev.inkwell.posts.PostReports.DayCount;
import dev.inkwell.posts.PostService;
import dev.inkwell.query.PageRequest;
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

  public List<AgeRank> usersRankedByAge(PageRequest page) {
    return users.rankedByAge(page);
  }

  public List<NameAge> activeUsers(PageRequest page) {
    return users.active(page);
  }

  public List<NameAge> firstUserPerAge(PageRequest page) {
    return users.firstPerAge(page);
  }

  public List<User> usersAgedBetween(int min, int max, PageRequest page) {
    return users.ageBetween(min, max, page);
  }

  public List<MetadataValue> usersMetadata(String key, Map<String, Object> contains, PageRequest page) {
    return users.metadata(key, contains, page);
  }

  public List<AuthorPostRank> postsRankedPerAuthor(PageRequest page) {
    return posts.rankedPerAuthor(page);
  }

  public List<DayCount> postsPerDay(LocalDate from, LocalDate to) {
    return posts.countsPerDay(from, to);
  }
}
