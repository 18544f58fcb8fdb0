package dev.inkwell.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.query.PageRequest;
import dev.inkwell.users.UserReports.AgeRank;
import dev.inkwell.users.UserReports.MetadataValue;
import dev.inkwell.users.UserReports.NameAge;

/** The guide's advanced SQL (UserService's reports, UserReportMapper.xml) on a fixed data set, asserting exact rows. */
@UsersDataTest
class UserReportsTest {

  /** One page holds the whole data set. */
  static final PageRequest ALL = new PageRequest(1, 100);

  @Autowired
  UserService reports;
  @Autowired
  JdbcClient jdbc;
  int alice;

  @BeforeEach
  void fixture() {
    jdbc.sql("DELETE FROM users").update(); // rolled back with the test
    alice = insert("Alice", 30, true, "{\"role\": \"admin\", \"team\": {\"name\": \"core\"}}");
    insert("Bob", 25, true, "{\"role\": \"user\", \"team\": {\"name\": \"core\"}}");
    insert("Carol", 35, true, null);
    insert("Dave", 30, true, "{\"level\": 3}");
    insert("Erin", 25, false, null);
    insert("Frank", 40, false, null);
  }

  private int insert(String name, int age, boolean active, String metadata) {
    return jdbc.sql("INSERT INTO users (email, name, age, \"isActive\", metadata) VALUES (?, ?, ?, ?, CAST(? AS jsonb)) RETURNING id")
        .params(name.toLowerCase() + "@report.test", name, age, active, metadata).query(Integer.class).single();
  }

  /** Each report reads one page: the guide's forms return every row of the table. */
  @Test
  void eachReportReadsOnePage() {
    PageRequest second = new PageRequest(2, 2);
    assertThat(reports.rankedByAge(second)).extracting(AgeRank::rowNumber).containsExactly(3L, 4L);
    assertThat(reports.active(second)).containsExactly(new NameAge("Dave", 30), new NameAge("Carol", 35));
    assertThat(reports.firstPerAge(new PageRequest(2, 3))).containsExactly(new NameAge("Frank", 40));
    assertThat(reports.ageBetween(20, 35, second)).extracting(User::name).containsExactly("Dave", "Erin");
    assertThat(reports.metadata("role", null, new PageRequest(3, 2))).extracting(MetadataValue::name)
        .containsExactly("Erin", "Frank");
  }

  @Test
  void rankedByAgeWithRowNumberRankAndDenseRank() {
    List<AgeRank> ranked = reports.rankedByAge(ALL);

    assertThat(ranked).extracting(r -> r.name() + ":" + r.age() + ":" + r.rowNumber() + "/" + r.rank() + "/" + r.denseRank())
        .containsExactly("Frank:40:1/1/1", "Carol:35:2/2/2", "Alice:30:3/3/3", "Dave:30:4/3/3", "Bob:25:5/5/4", "Erin:25:6/5/4");
  }

  @Test
  void theGuidesActiveUsersCte() {
    assertThat(reports.active(ALL)).containsExactly(new NameAge("Bob", 25), new NameAge("Alice", 30), new NameAge("Dave", 30),
        new NameAge("Carol", 35));
  }

  @Test
  void theGuidesDistinctOn() {
    assertThat(reports.firstPerAge(ALL)).containsExactly(new NameAge("Bob", 25), new NameAge("Alice", 30),
        new NameAge("Carol", 35), new NameAge("Frank", 40));
  }

  @Test
  void theGuidesBoundParameters() {
    assertThat(reports.ageBetween(20, 35, ALL)).extracting(User::name).containsExactly("Alice", "Bob", "Dave", "Erin");
    assertThat(reports.ageBetween(30, 40, ALL)).extracting(User::name).containsExactly("Carol");
  }

  @Test
  void jsonbArrowAndContainsOperators() {
    List<MetadataValue> team = reports.metadata("team", Map.of("team", Map.of("name", "core")), ALL);
    List<MetadataValue> roles = reports.metadata("role", null, ALL);

    assertThat(team).extracting(MetadataValue::name).containsExactly("Alice", "Bob");
    assertThat(team.get(0).value()).isEqualTo(Map.of("name", "core"));
    assertThat(team.get(0).text()).isEqualTo("{\"name\": \"core\"}");
    assertThat(roles).hasSize(6);
    assertThat(roles.get(0)).isEqualTo(new MetadataValue(alice, "Alice", "admin", "admin"));
    assertThat(roles).filteredOn(r -> r.name().equals("Dave")).singleElement()
        .satisfies(r -> assertThat(r.value()).isNull());
    assertThat(reports.metadata("level", Map.of("level", 3), ALL)).singleElement()
        .satisfies(r -> assertThat(r.value()).isEqualTo(3));
  }
}
