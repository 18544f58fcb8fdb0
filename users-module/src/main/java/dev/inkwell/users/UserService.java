package dev.inkwell.users;

import static dev.inkwell.users.UserFields.USERS;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.inkwell.query.Aggregation;
import dev.inkwell.query.BulkUpsert;
import dev.inkwell.query.FindOptions;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.OnConflict;
import dev.inkwell.query.Page;
import dev.inkwell.query.PageRequest;
import dev.inkwell.query.ScrollRequest;
import dev.inkwell.query.Stats;
import dev.inkwell.query.Where;
import dev.inkwell.query.Window;
import dev.inkwell.query.sql.ChunkedWrite;
import dev.inkwell.query.sql.ListStatements;
import dev.inkwell.query.sql.PagedSelect;
import dev.inkwell.query.sql.SqlAggregation;
import dev.inkwell.query.sql.SqlQuery;
import dev.inkwell.users.UserReports.AgeRank;
import dev.inkwell.users.UserReports.MetadataValue;
import dev.inkwell.users.UserReports.NameAge;
import dev.inkwell.users.internal.UpsertCreatedFlag;
import dev.inkwell.users.internal.UpsertedKey;
import dev.inkwell.users.internal.UserBatch;
import dev.inkwell.users.internal.UserMapper;
import dev.inkwell.users.internal.UserReportMapper;
import dev.inkwell.users.internal.UserRow;

import tools.jackson.databind.json.JsonMapper;

/**
 * The guide's User calls, and its advanced SQL on users (window functions, a CTE, DISTINCT ON,
 * bound parameters, JSONB). Filters, orders and attribute lists name fields of {@link User}; anything
 * else is refused with an {@link InvalidQueryException} before SQL runs. Lists without an explicit
 * order come back by id; every order ends with id as tie-breaker. Writes of more than one statement
 * require a transaction (propagation MANDATORY): start one in the caller. Reads and single-statement
 * writes ({@link #create}, {@link #upsert}) run in the caller's transaction when there is one, else on
 * their own.
 */
@Service
public class UserService {

  private static final Pattern DUPLICATE_EMAIL = Pattern.compile("Key \\(email\\)=\\((.*)\\) already exists");

  private final UserMapper mapper;
  private final UserReportMapper reports;
  private final UpsertCreatedFlag createdFlag;
  private final int maxRowsPerStatement;
  private final ListStatements<User> byQuery;

  public UserService(UserMapper mapper, UserReportMapper reports, UpsertCreatedFlag createdFlag,
      @Value(ChunkedWrite.MAX_ROWS) int maxRowsPerStatement) {
    this.mapper = mapper;
    this.reports = reports;
    this.createdFlag = createdFlag;
    this.maxRowsPerStatement = maxRowsPerStatement;
    this.byQuery = new ListStatements<>(mapper::selectByQuery, mapper::selectByQuery_COUNT, mapper::selectByQuery_PLAN);
  }

  /**
   * {@code User.create}: the stored user, with the defaults and timestamps the database filled. One
   * statement, atomic on its own: it joins the caller's transaction when there is one and needs none.
   */
  public User create(NewUser user) {
    try {
      return mapper.insert(UserRow.of(user));
    } catch (DuplicateKeyException e) {
      throw duplicate(e);
    }
  }

  /**
   * {@code User.bulkCreate}: one INSERT per {@code inkwell.dml.max-rows-per-statement} (5,000) users of the same shape (which of age
   * and isActive they give), whatever the batch size, returned in input order with their ids. A
   * duplicate email fails the whole call (roll back the transaction).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<User> bulkCreate(List<NewUser> users) {
    Map<String, User> byEmail = new HashMap<>(users.size() * 2);
    Map<Integer, List<NewUser>> shapes = new LinkedHashMap<>();
    users.forEach(u -> shapes.computeIfAbsent(UserBatch.shape(u), k -> new ArrayList<>()).add(u));
    try {
      for (List<NewUser> shape : shapes.values()) {
        for (List<NewUser> batch : ChunkedWrite.batches(shape, maxRowsPerStatement)) {
          mapper.insertAll(new UserBatch(batch)).forEach(stored -> byEmail.put(stored.email(), stored));
        }
      }
    } catch (DuplicateKeyException e) {
      throw duplicate(e);
    }
    // Emails are unique: they put the stored rows back in input order.
    return users.stream().map(u -> byEmail.get(u.email())).toList();
  }

  /** {@code User.findByPk}. */
  public Optional<User> findByPk(int id) {
    return Optional.ofNullable(mapper.selectById(id));
  }

  /** {@link #findByPk} or {@link UserNotFoundException}. */
  public User get(int id) {
    return findByPk(id).orElseThrow(() -> new UserNotFoundException(id));
  }

  /** {@code User.findOne({where})}: the matching user with the lowest id. */
  public Optional<User> findOne(Where where) {
    return mapper.selectByQuery(USERS.query(FindOptions.where(where).limit(1, null))).stream().findFirst();
  }

  /**
   * {@code User.findAll(options)}. With attributes, only those columns are selected and the other
   * components of each {@link User} are null.
   */
  public List<User> findAll(FindOptions options) {
    return mapper.selectByQuery(USERS.query(options));
  }

  /** A page of {@code findAll}: limit and offset of {@code options} are replaced by the page's. */
  public Page<User> findPage(FindOptions options, PageRequest page) {
    return PagedSelect.page(page, USERS.query(options.limit(null, null)), byQuery, user -> user);
  }

  /**
   * A keyset window of {@code findAll} (limit and offset of {@code options} are ignored): the users
   * after or before the request's cursor, with cursors to the next and previous windows.
   */
  public Window<User> findWindow(FindOptions options, ScrollRequest scroll) {
    return PagedSelect.window(scroll, USERS, options, byQuery, user -> user);
  }

  /** Every user {@code options} selects, in keyset chunks ({@link PagedSelect#export}). */
  public void export(FindOptions options, Integer afterId, int chunk, Consumer<List<User>> sink) {
    PagedSelect.export(USERS, options, afterId, chunk, byQuery, user -> user, sink);
  }

  /**
   * Sequelize's {@code fn}/{@code group}: the aggregation's rows, named as the caller asked, in one
   * statement ({@code selectAggregate}).
   */
  public List<Map<String, Object>> aggregate(Aggregation aggregation) {
    SqlAggregation sql = USERS.aggregation(aggregation);
    return sql.rows(mapper.selectAggregate(sql));
  }

  /** {@code User.count({where})}. */
  public long count(Where where) {
    return mapper.selectByQuery_COUNT(SqlQuery.of(USERS.where(where)));
  }

  /** count, sum, avg, min and max of a numeric attribute ({@code age}, {@code id}) in one query. */
  public Stats stats(String attribute, Where where) {
    return mapper.selectStats(USERS.numericColumn(attribute), USERS.where(where));
  }

  /** {@code User.sum(attribute, {where})}; null when nothing matches. */
  public BigDecimal sum(String attribute, Where where) {
    return stats(attribute, where).sum();
  }

  /**
   * {@code User.update(values, {where})}: the number of rows changed, in statements of at most
   * {@code inkwell.dml.max-rows-per-statement} rows. updatedAt moves on each. An empty filter updates
   * every row, as in Sequelize.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public int update(UserChanges changes, Where where) {
    try {
      return ChunkedWrite.byIdRanges(maxRowsPerStatement, USERS.where(where), mapper::selectIdBounds,
          filter -> mapper.updateByQuery(changes, filter));
    } catch (DuplicateKeyException e) {
      throw duplicate(e);
    }
  }

  /**
   * The guide's instance update ({@code alice.age = 31; alice.save()}): writes every attribute of a
   * user read earlier and returns it as stored. Refused with {@link StaleUserException} when the row
   * changed since it was read (its updatedAt moved), so no update is silently lost.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public User save(User user) {
    if (user.id() == null) {
      throw new InvalidQueryException("id", "save needs a user read from the database (with its id)");
    }
    try {
      User saved = mapper.updateIfUnchanged(UserRow.of(user));
      if (saved == null) {
        throw new StaleUserException(user.id());
      }
      return saved;
    } catch (DuplicateKeyException e) {
      throw duplicate(e);
    }
  }

  /**
   * {@code User.bulkCreate(users, {updateOnDuplicate})} by email: one {@code INSERT ... SELECT FROM unnest
   * ... ON CONFLICT (email)} per {@code inkwell.dml.max-rows-per-statement} users of the same shape
   * (rows in email order, so concurrent bulk upserts of overlapping sets lock rows in one order).
   * {@code MERGE} updates what each row gives (a null keeps the stored value) and updatedAt;
   * {@code IGNORE} leaves existing users as they are (their ids are read afterwards). Answered in
   * input order with an exact created flag where the engine can tell. An email twice in one call is
   * refused before any SQL: the same row cannot be written twice by one statement.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public BulkUpsert bulkUpsert(List<NewUser> users, OnConflict onConflict) {
    BulkUpsert.distinct(users.stream().map(NewUser::email).toList(), "email", "emails");
    boolean flag = createdFlag.supported();
    boolean merge = onConflict == OnConflict.MERGE;
    Map<String, UpsertedKey> byEmail = new HashMap<>(users.size() * 2);
    Map<Integer, List<NewUser>> shapes = new LinkedHashMap<>();
    users.forEach(u -> shapes.computeIfAbsent(UserBatch.shape(u), k -> new ArrayList<>()).add(u));
    for (List<NewUser> shape : shapes.values()) {
      for (List<NewUser> batch : ChunkedWrite.batches(shape, maxRowsPerStatement)) {
        mapper.upsertAll(new UserBatch(batch), merge, flag).forEach(r -> byEmail.put(r.email(), r));
      }
    }
    List<String> ignored = users.stream().map(NewUser::email).filter(e -> !byEmail.containsKey(e)).toList();
    Map<String, Integer> existing = new HashMap<>();
    for (List<String> emails : ChunkedWrite.batches(ignored, maxRowsPerStatement)) {
      findAll(FindOptions.where(Where.field("email").in(emails.toArray())).attributes("id", "email"))
          .forEach(u -> existing.put(u.email(), u.id()));
    }
    List<BulkUpsert.Row> rows = new ArrayList<>(users.size());
    for (NewUser u : users) {
      UpsertedKey done = byEmail.get(u.email());
      rows.add(done == null ? new BulkUpsert.Row(existing.get(u.email()), "email", u.email(), false, true)
          : new BulkUpsert.Row(done.id(), "email", u.email(), merge ? done.inserted() : Boolean.TRUE, false));
    }
    return BulkUpsert.of(rows, flag || !merge);
  }

  /**
   * {@code User.upsert} by email, atomic ({@code INSERT ... ON CONFLICT (email) DO UPDATE}). On update
   * only the given attributes change (null means not given) and updatedAt moves. {@code created} is
   * true or false on PostgreSQL, and null on an engine that cannot tell (checked once, at the first
   * upsert) rather than a guess. One statement: it joins the caller's transaction and needs none.
   */
  public UpsertResult upsert(NewUser user) {
    if (createdFlag.supported()) {
      return mapper.upsertReportingInsert(UserRow.of(user)).toResult();
    }
    return new UpsertResult(mapper.upsert(UserRow.of(user)), null);
  }

  /** One year older, atomically ({@code age = age + 1} in one statement). */
  @Transactional(propagation = Propagation.MANDATORY)
  public User incrementAge(int id) {
    User row = mapper.incrementAge(id);
    if (row == null) {
      throw new UserNotFoundException(id);
    }
    return row;
  }

  /** Whether upsert's {@code created} flag is exact on this database (false: it reports null). */
  public boolean upsertCreatedFlagExact() {
    return createdFlag.supported();
  }

  /**
   * {@code User.destroy({where})}: the number deleted, in statements of at most
   * {@code inkwell.dml.max-rows-per-statement} rows. An empty filter is refused: it would delete everyone.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public int destroy(Where where) {
    if (where == null || where.isEmpty()) {
      throw new InvalidQueryException("where", "destroy needs a filter; an empty one would delete every user");
    }
    return ChunkedWrite.byIdRanges(maxRowsPerStatement, USERS.where(where), mapper::selectIdBounds, mapper::deleteByQuery);
  }

  // ------------------------------------------------------------------ the guide's advanced SQL (UserReportMapper.xml)

  /** Users ranked by age, oldest first: row number (ties by id), rank and dense rank; one page of them. */
  public List<AgeRank> rankedByAge(PageRequest page) {
    return reports.selectRankedByAge(page.size(), page.offset());
  }

  /** The guide's CTE: active users' name and age, youngest first (then by name); one page. */
  public List<NameAge> active(PageRequest page) {
    return reports.selectActive(page.size(), page.offset());
  }

  /** DISTINCT ON (age): per age, the user whose name sorts first; one page of ages. */
  public List<NameAge> firstPerAge(PageRequest page) {
    return reports.selectFirstPerAge(page.size(), page.offset());
  }

  /** The guide's {@code age > $1 AND age < $2}, by id; one page. */
  public List<User> ageBetween(int min, int max, PageRequest page) {
    return reports.selectAgeBetween(min, max, page.size(), page.offset());
  }

  /**
   * {@code metadata -> key} and {@code metadata ->> key} of every user, or of those whose metadata
   * contains {@code contains} ({@code @>}; null for all), by id; one page.
   */
  public List<MetadataValue> metadata(String key, Map<String, Object> contains, PageRequest page) {
    if (key == null || key.isBlank()) {
      throw new InvalidQueryException("key", "key is required");
    }
    String containsJson = contains == null ? null : JsonMapper.shared().writeValueAsString(contains);
    return reports.selectMetadata(key, containsJson, page.size(), page.offset()).stream()
        .map(r -> new MetadataValue(r.id(), r.name(), r.json() == null ? null : JsonMapper.shared().readValue(r.json(), Object.class),
            r.text()))
        .toList();
  }

  private static DuplicateEmailException duplicate(DuplicateKeyException e) {
    Matcher m = DUPLICATE_EMAIL.matcher(String.valueOf(e.getMessage()));
    return new DuplicateEmailException(m.find() ? m.group(1) : null, e);
  }
}
