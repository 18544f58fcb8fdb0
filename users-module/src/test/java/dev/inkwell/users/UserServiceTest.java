package dev.inkwell.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.inkwell.query.FindOptions;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.Page;
import dev.inkwell.query.Paging;
import dev.inkwell.query.Sort;
import dev.inkwell.query.Where;
import dev.inkwell.query.Stats;
import dev.inkwell.query.sql.CachedConstructorObjectFactory;
import dev.inkwell.query.testing.StatementCounter;
import dev.inkwell.users.internal.UpsertCreatedFlag;
import dev.inkwell.users.internal.UserMapper;
import dev.inkwell.users.internal.UserReportMapper;

/** The guide's User calls, one by one, on PostgreSQL. Writes are checked with plain SQL. */
@UsersDataTest
class UserServiceTest {

  @Autowired
  UserService users;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  StatementCounter statements;
  @Autowired
  SqlSessionFactory sessions;

  @BeforeEach
  void emptyTable() {
    jdbc.sql("DELETE FROM users").update(); // rolled back with the test
  }

  private User alice() {
    return users.create(NewUser.of("alice@example.com", "Alice", 30).withMetadata(Map.of("role", "admin")));
  }

  /** Module tests build rows as the service does: a kept constructor per result type (query-support). */
  @Test
  void rowsAreBuiltByTheServicesObjectFactory() {
    assertThat(sessions.getConfiguration().getObjectFactory()).isInstanceOf(CachedConstructorObjectFactory.class);
    alice();
    assertThat(users.findAll(FindOptions.all())).extracting(User::email).containsExactly("alice@example.com");
  }

  @Test
  void createReturnsWhatTheDatabaseStored() {
    User alice = alice();
    User plain = users.create(new NewUser("plain@example.com", "Plain", null, null, null, null, null));

    assertThat(alice.id()).isPositive();
    assertThat(alice.metadata()).isEqualTo(Map.of("role", "admin"));
    assertThat(alice.isActive()).isTrue();
    assertThat(alice.createdAt()).isNotNull().isEqualTo(alice.updatedAt());
    assertThat(plain.age()).isZero();
    assertThat(plain.isActive()).isTrue();
    assertThat(plain.bio()).isNull();
    assertThat(jdbc.sql("SELECT metadata->>'role' FROM users WHERE id = ?").param(alice.id()).query(String.class).single())
        .isEqualTo("admin");
  }

  @Test
  void duplicateEmailNamesTheEmail() {
    alice();

    assertThatThrownBy(() -> users.create(NewUser.of("alice@example.com", "Other", 1)))
        .isInstanceOf(DuplicateEmailException.class)
        .hasMessage("a user with email 'alice@example.com' already exists");
  }

  @Test
  void bulkCreateOfTheGuide() {
    List<User> created = users.bulkCreate(List.of(NewUser.of("bob@example.com", "Bob", 25),
        NewUser.of("carol@example.com", "Carol", 35)));

    assertThat(created).extracting(User::name).containsExactly("Bob", "Carol");
    assertThat(created).extracting(User::id).doesNotContainNull().doesNotHaveDuplicates();
  }

  @Test
  void bulkCreateOfTenThousandTakesOneStatementPerFiveThousand() {
    List<NewUser> many = IntStream.range(0, 10_000).mapToObj(i -> NewUser.of("u" + i + "@bulk.test", "U" + i, i % 90)).toList();
    statements.reset();

    List<User> created = users.bulkCreate(many);

    assertThat(statements.count()).isEqualTo(2);
    assertThat(statements.statements()).allMatch(sql -> sql.startsWith("INSERT INTO users"));
    assertThat(created).hasSize(10_000);
    assertThat(created.get(9_999).email()).isEqualTo("u9999@bulk.test");
    assertThat(created).extracting(User::id).doesNotHaveDuplicates();
    assertThat(jdbc.sql("SELECT count(*) FROM users WHERE email LIKE '%@bulk.test'").query(Long.class).single()).isEqualTo(10_000);
  }

  @Test
  void bulkCreateKeepsInputOrderAndEachRowsDefaults() {
    List<User> created = users.bulkCreate(List.of(
        new NewUser("a@mix.test", "A", 30, false, "bio", Map.of("k", 1), "555"),
        new NewUser("b@mix.test", "B", null, null, null, null, null),
        new NewUser("c@mix.test", "C", 40, null, null, null, null),
        new NewUser("d@mix.test", "D", null, true, null, null, null)));

    assertThat(created).extracting(User::email).containsExactly("a@mix.test", "b@mix.test", "c@mix.test", "d@mix.test");
    assertThat(created).extracting(User::age).containsExactly(30, 0, 40, 0);
    assertThat(created).extracting(User::isActive).containsExactly(false, true, true, true);
    assertThat(created.get(0)).extracting(User::bio, User::metadata, User::phone).containsExactly("bio", Map.of("k", 1), "555");
    assertThat(created.get(1).createdAt()).isNotNull();
  }

  @Test
  void readsOfTheGuide() {
    User alice = alice();
    users.bulkCreate(List.of(NewUser.of("bob@example.com", "Bob", 25), NewUser.of("carol@example.com", "Carol", 35),
        NewUser.of("young@example.com", "Young", 18)));

    assertThat(users.findOne(Where.field("email").eq("alice@example.com"))).contains(alice);
    assertThat(users.findByPk(alice.id())).contains(alice);
    assertThat(users.findByPk(-1)).isEmpty();
    assertThatThrownBy(() -> users.get(-1)).isInstanceOf(UserNotFoundException.class);
    assertThat(users.findAll(new FindOptions(Where.field("age").gte(25), null, List.of(Sort.desc("age")), 10, 0L)))
        .extracting(User::name).containsExactly("Carol", "Alice", "Bob");
    assertThat(users.findAll(new FindOptions(Where.ALL, null, List.of(Sort.asc("age")), 2, 1L)))
        .extracting(User::name).containsExactly("Bob", "Alice");
  }

  @Test
  void attributesSelectOnlyTheChosenColumns() {
    alice();
    users.create(new NewUser("idle@example.com", "Idle", 50, false, null, null, null));
    statements.reset();

    List<User> names = users.findAll(FindOptions.where(Where.field("isActive").eq(true)).attributes("id", "name"));

    assertThat(names).singleElement().satisfies(u -> {
      assertThat(u.name()).isEqualTo("Alice");
      assertThat(u.id()).isNotNull();
      assertThat(u.email()).isNull();
      assertThat(u.createdAt()).isNull();
    });
    String select = statements.last().replace(" ,", ",");
    assertThat(select.substring(0, select.indexOf(" FROM "))).isEqualTo("SELECT u.\"id\" AS \"id\", NULL AS \"email\", "
        + "u.\"name\" AS \"name\", NULL AS \"age\", NULL AS \"isActive\", NULL AS \"bio\", NULL AS \"metadata\", NULL AS \"phone\", "
        + "NULL AS \"createdAt\", NULL AS \"updatedAt\"");
  }

  private void threeAges() {
    users.bulkCreate(List.of(NewUser.of("a@x.test", "A", 30), NewUser.of("b@x.test", "B", 25), NewUser.of("c@x.test", "C", 35)));
  }

  @Test
  void countCountsUnderAFilter() {
    threeAges();

    assertThat(users.count(Where.ALL)).isEqualTo(3);
    assertThat(users.count(Where.field("age").gt(26))).isEqualTo(2);
  }

  @Test
  void statsAggregateOneNumericAttributeUnderAFilter() {
    threeAges();

    Stats stats = users.stats("age", Where.field("age").gte(30));

    assertThat(users.sum("age", Where.ALL)).isEqualByComparingTo("90");
    assertThat(stats.count()).isEqualTo(2);
    assertThat(stats.sum()).isEqualByComparingTo("65");
    assertThat(stats.avg()).isEqualTo(32.5);
    assertThat(stats.min()).isEqualByComparingTo("30");
    assertThat(stats.max()).isEqualByComparingTo("35");
  }

  @Test
  void statsOfNothingAreZeroAndNulls() {
    threeAges();

    assertThat(users.stats("age", Where.field("age").gt(100))).isEqualTo(new Stats(0, null, null, null, null));
  }

  @Test
  void statsRefuseATextAttribute() {
    assertThatThrownBy(() -> users.stats("name", Where.ALL)).isInstanceOf(InvalidQueryException.class)
        .hasMessage("'name' is not numeric; aggregate one of: id, age");
  }

  @Test
  void updateByFilterCountsRowsAndMovesUpdatedAt() {
    User alice = alice();
    users.create(NewUser.of("bob@example.com", "Bob", 25));

    int changed = users.update(UserChanges.set("name", "Alice Updated"), Where.field("id").eq(alice.id()));
    int none = users.update(UserChanges.set("name", "Nobody"), Where.field("id").eq(-1));

    assertThat(changed).isEqualTo(1);
    assertThat(none).isZero();
    User updated = users.get(alice.id());
    assertThat(updated.name()).isEqualTo("Alice Updated");
    assertThat(updated.updatedAt()).isAfter(alice.updatedAt());
    assertThat(updated.createdAt()).isEqualTo(alice.createdAt());
    assertThat(users.findOne(Where.field("name").eq("Bob")).orElseThrow().updatedAt())
        .isEqualTo(users.findOne(Where.field("name").eq("Bob")).orElseThrow().createdAt());
  }

  @Test
  void updateClearsANullableGivenAsNull() {
    User bob = users.create(new NewUser("bob@example.com", "Bob", 25, null, "bio", Map.of("k", 1), "555"));

    users.update(UserChanges.of(new java.util.HashMap<>(Map.of("age", 26)) {{ put("bio", null); }}), Where.field("id").eq(bob.id()));

    assertThat(users.get(bob.id())).extracting(User::age, User::bio, User::phone).containsExactly(26, null, "555");
  }

  @Test
  void changesRefuseColumnsThatCannotBeSetAndBadValues() {
    assertThatThrownBy(() -> UserChanges.set("createdAt", "2020-01-01T00:00:00Z")).isInstanceOf(InvalidQueryException.class)
        .hasMessageStartingWith("'createdAt' cannot be updated; allowed: age, bio, email");
    assertThatThrownBy(() -> UserChanges.set("age", "old")).isInstanceOf(InvalidQueryException.class);
    assertThatThrownBy(() -> UserChanges.set("name", null)).hasMessage("'name' cannot be null");
  }

  @Test
  void saveOfALoadedUserPersistsItsChanges() {
    User alice = users.get(alice().id());

    User saved = users.save(alice.withAge(31));

    assertThat(saved.age()).isEqualTo(31);
    assertThat(saved.updatedAt()).isAfter(alice.updatedAt());
    assertThat(jdbc.sql("SELECT age FROM users WHERE id = ?").param(alice.id()).query(Integer.class).single()).isEqualTo(31);
  }

  @Test
  void saveOfAStaleCopyIsRefused() {
    User copy = users.get(alice().id());
    users.save(copy.withAge(31));

    assertThatThrownBy(() -> users.save(copy.withAge(99))).isInstanceOf(StaleUserException.class);
    assertThat(users.get(copy.id()).age()).isEqualTo(31);
  }

  @Test
  void upsertKnowsWhetherItCreated() {
    UpsertResult first = users.upsert(NewUser.of("alice@example.com", "Alice", 30).withMetadata(Map.of("role", "admin")));
    UpsertResult second = users.upsert(NewUser.of("alice@example.com", "Alice V2", 32));

    assertThat(first.created()).isTrue();
    assertThat(second.created()).isFalse();
    assertThat(second.user().id()).isEqualTo(first.user().id());
    assertThat(second.user()).extracting(User::name, User::age, User::metadata)
        .containsExactly("Alice V2", 32, Map.of("role", "admin"));
    assertThat(second.user().updatedAt()).isAfter(first.user().updatedAt());
    assertThat(jdbc.sql("SELECT count(*) FROM users WHERE email = 'alice@example.com'").query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void upsertSaysUnknownWhereTheDatabaseCannotTell(@Autowired UserMapper mapper, @Autowired UserReportMapper reports) {
    // A database on which the probe fails (here: it cannot even be asked) gets created = null, not a guess.
    UpsertCreatedFlag cannotTell = new UpsertCreatedFlag(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none"));
    UserService service = new UserService(mapper, reports, cannotTell, 5000);

    UpsertResult first = service.upsert(NewUser.of("unknown@example.com", "Unknown", 1));
    UpsertResult second = service.upsert(NewUser.of("unknown@example.com", "Unknown 2", 2));

    assertThat(cannotTell.supported()).isFalse();
    assertThat(first.created()).isNull();
    assertThat(second.created()).isNull();
    assertThat(second.user()).extracting(User::name, User::age).containsExactly("Unknown 2", 2);
    assertThat(jdbc.sql("SELECT count(*) FROM users WHERE email = 'unknown@example.com'").query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void destroyByFilterCountsWhatItDeleted() {
    User alice = alice();
    users.create(NewUser.of("bob@example.com", "Bob", 25));

    assertThat(users.destroy(Where.field("id").eq(alice.id()))).isEqualTo(1);
    assertThat(users.destroy(Where.field("id").eq(alice.id()))).isZero();
    assertThat(jdbc.sql("SELECT name FROM users").query(String.class).list()).containsExactly("Bob");
  }

  @Test
  void destroyRefusesAnEmptyFilter() {
    alice();

    assertThatThrownBy(() -> users.destroy(Where.ALL)).isInstanceOf(InvalidQueryException.class);
    assertThat(jdbc.sql("SELECT count(*) FROM users").query(Integer.class).single()).isEqualTo(1);
  }

  private static final FindOptions BY_AGE = FindOptions.all().order(Sort.desc("age"));

  private void fortyFiveUsers() {
    users.bulkCreate(IntStream.rangeClosed(1, 45).mapToObj(i -> NewUser.of("p" + i + "@page.test", "P" + i, i)).toList());
  }

  @Test
  void aPageIsCountedByTheSearchsOwnCountStatementFirst() {
    fortyFiveUsers();
    statements.reset();

    users.findPage(BY_AGE, Paging.DEFAULTS.request(1, 20));

    // PageHelper runs the mapper's own selectByQuery_COUNT (same criteria fragment), then the page.
    assertThat(statements.statements().get(0)).isEqualTo("SELECT count(*) FROM users u");
  }

  @Test
  void theFirstPageCarriesTheTotalAndPageCount() {
    fortyFiveUsers();

    Page<User> first = users.findPage(BY_AGE, Paging.DEFAULTS.request(1, 20));

    assertThat(first.items()).hasSize(20).first().extracting(User::age).isEqualTo(45);
    assertThat(first).extracting(Page::total, Page::pages, Page::hasNext).containsExactly(45L, 3, true);
  }

  @Test
  void theLastPageHasTheRestAndNoNext() {
    fortyFiveUsers();

    Page<User> last = users.findPage(BY_AGE, Paging.DEFAULTS.request(3, 20));

    assertThat(last.items()).extracting(User::age).containsExactly(5, 4, 3, 2, 1);
    assertThat(last.hasNext()).isFalse();
  }

  @Test
  void aPagePastTheEndIsEmptyWithTheRealTotal() {
    fortyFiveUsers();

    Page<User> past = users.findPage(BY_AGE, Paging.DEFAULTS.request(4, 20));

    assertThat(past.items()).isEmpty();
    assertThat(past.total()).isEqualTo(45);
  }

  @Test
  void aFilteredPageCountsOnlyMatchingRows() {
    fortyFiveUsers();

    Page<User> filtered = users.findPage(FindOptions.where(Where.field("age").lte(10)), Paging.DEFAULTS.request(2, 4));

    assertThat(filtered.items()).extracting(User::age).containsExactly(5, 6, 7, 8);
    assertThat(filtered).extracting(Page::total, Page::pages, Page::hasNext).containsExactly(10L, 3, true);
  }

  @Test
  void aRefusedPageRequestLeavesNoPagingBehindOnTheThread() {
    users.bulkCreate(IntStream.rangeClosed(1, 3).mapToObj(i -> NewUser.of("t" + i + "@page.test", "T" + i, i)).toList());

    assertThatThrownBy(() -> users.findPage(FindOptions.where(Where.field("nope").eq(1)), Paging.DEFAULTS.request(2, 1)))
        .isInstanceOf(InvalidQueryException.class);

    assertThat(users.findAll(FindOptions.all())).hasSize(3);
  }

  @Test
  void pageSizeIsCappedAndDefaulted() {
    assertThat(Paging.DEFAULTS.request(null, null)).extracting("page", "size").containsExactly(1, 20);
    assertThat(Paging.DEFAULTS.request(2, 500).size()).isEqualTo(100);
    assertThat(new Paging(10, 50).request(1, 80).size()).isEqualTo(50);
    assertThatThrownBy(() -> Paging.DEFAULTS.request(0, 10)).isInstanceOf(InvalidQueryException.class);
  }

  @Test
  void sumOfNothingIsNull() {
    assertThat(users.sum("age", Where.ALL)).isNull();
    assertThat(users.stats("id", Where.ALL).count()).isZero();
  }
}
