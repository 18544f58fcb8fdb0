package dev.inkwell.compat;

import static dev.inkwell.compat.Expect.equal;
import static dev.inkwell.compat.Expect.that;
import static dev.inkwell.compat.Expect.thrown;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.inkwell.query.AggregationJson;
import dev.inkwell.query.BulkUpsert;
import dev.inkwell.query.CountMode;
import dev.inkwell.query.FindOptions;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.OnConflict;
import dev.inkwell.query.Page;
import dev.inkwell.query.PageRequest;
import dev.inkwell.query.Paging;
import dev.inkwell.query.ScrollRequest;
import dev.inkwell.query.Sort;
import dev.inkwell.query.Stats;
import dev.inkwell.query.Where;
import dev.inkwell.query.Window;
import dev.inkwell.users.DuplicateEmailException;
import dev.inkwell.users.NewUser;
import dev.inkwell.users.StaleUserException;
import dev.inkwell.users.UpsertResult;
import dev.inkwell.users.User;
import dev.inkwell.users.UserChanges;

import tools.jackson.databind.json.JsonMapper;

/** The guide's User calls and every Op operator, through UserService, on the guide's users. */
final class CrudChecks {

  static final String CATEGORY = "CRUD with operator queries";

  private CrudChecks() {
  }

  private static Check check(String name, Check.Body body) {
    return new Check(CATEGORY, name, true, body);
  }

  /** One operator: a JSON where and the names it must select, by id. */
  private static Check operator(String name, String where, String... expected) {
    return check("Op " + name + ": " + where, ctx -> {
      ctx.guideUsers();
      equal(ctx.names(where), List.of(expected), "users selected");
      return Outcome.pass();
    });
  }

  static List<Check> all() {
    List<Check> checks = new ArrayList<>(List.of(
        check("User.create returns the stored defaults", ctx -> {
          User alice = ctx.users.create(NewUser.of("alice@example.com", "Alice", 30).withMetadata(Map.of("role", "admin")));
          equal(alice.isActive(), true, "isActive default");
          equal(alice.metadata(), Map.of("role", "admin"), "metadata");
          that(alice.createdAt() != null && alice.createdAt().equals(alice.updatedAt()), "timestamps set on insert");
          equal(ctx.users.create(new NewUser("zero@example.com", "Zero", null, null, null, null, null)).age(), 0, "age default");
          return Outcome.pass();
        }),
        check("User.create refuses a duplicate email", ctx -> {
          ctx.users.create(NewUser.of("alice@example.com", "Alice", 30));
          Throwable t = thrown(() -> ctx.users.create(NewUser.of("alice@example.com", "Again", 1)), "duplicate");
          that(t instanceof DuplicateEmailException, "expected DuplicateEmailException, got " + t);
          return Outcome.pass();
        }),
        check("User.bulkCreate (the guide's two, then 2,500)", ctx -> {
          List<User> two = ctx.users.bulkCreate(List.of(NewUser.of("bob@example.com", "Bob", 25), NewUser.of("carol@example.com", "Carol", 35)));
          equal(two.stream().map(User::name).toList(), List.of("Bob", "Carol"), "names in order");
          List<User> many = ctx.users.bulkCreate(IntStream.range(0, 2_500).mapToObj(i -> NewUser.of("b" + i + "@bulk.test", "B" + i, i % 80)).toList());
          equal(many.stream().map(User::id).distinct().count(), 2_500L, "distinct ids");
          return Outcome.pass();
        }),
        check("User.findOne({where: {email}})", ctx -> {
          ctx.guideUsers();
          equal(ctx.users.findOne(Where.field("email").eq("alice@example.com")).map(User::name).orElse(null), "Alice", "found");
          return Outcome.pass();
        }),
        check("User.findByPk, and a missing key", ctx -> {
          User alice = ctx.guideUsers().get(0);
          equal(ctx.users.findByPk(alice.id()).orElseThrow(), alice, "by id");
          that(ctx.users.findByPk(-1).isEmpty(), "missing id found something");
          return Outcome.pass();
        }),
        check("User.findAll (age >= 25, order age DESC, limit 10, offset 0)", ctx -> {
          ctx.guideUsers();
          List<User> all = ctx.users.findAll(new FindOptions(Where.field("age").gte(25), null, List.of(Sort.desc("age")), 10, 0L));
          equal(all.stream().map(User::name).toList(), List.of("Dave", "Carol", "Alice", "Bob"), "order");
          return Outcome.pass();
        }),
        check("User.findAll with attributes [id, name] where isActive", ctx -> {
          ctx.guideUsers();
          List<User> names = ctx.users.findAll(FindOptions.where(Where.field("isActive").eq(true)).attributes("id", "name"));
          equal(names.stream().map(User::name).toList(), List.of("Alice", "Bob", "Carol"), "names");
          that(names.stream().allMatch(u -> u.email() == null && u.id() != null), "only id and name selected");
          return Outcome.pass();
        }),
        check("User.count() and count({where})", ctx -> {
          ctx.guideUsers();
          equal(ctx.users.count(Where.ALL), 4L, "count()");
          equal(ctx.users.count(Where.field("age").gt(30)), 2L, "count(age > 30)");
          return Outcome.pass();
        }),
        check("User.sum('age'), min, max, avg", ctx -> {
          ctx.guideUsers();
          Stats stats = ctx.users.stats("age", Where.ALL);
          equal(stats.sum().intValue(), 130, "sum");
          equal(stats.min().intValue(), 25, "min");
          equal(stats.max().intValue(), 40, "max");
          equal(stats.avg(), 32.5, "avg");
          return Outcome.pass();
        }),
        check("User.update(values, {where}) counts rows and moves updatedAt", ctx -> {
          User alice = ctx.guideUsers().get(0);
          equal(ctx.users.update(UserChanges.set("name", "Alice Updated"), Where.field("id").eq(alice.id())), 1, "rows changed");
          User after = ctx.users.get(alice.id());
          equal(after.name(), "Alice Updated", "name");
          that(after.updatedAt().isAfter(alice.updatedAt()), "updatedAt did not move");
          return Outcome.pass();
        }),
        check("instance save() of a loaded user", ctx -> {
          User alice = ctx.users.get(ctx.guideUsers().get(0).id());
          equal(ctx.users.save(alice.withAge(31)).age(), 31, "saved age");
          equal(ctx.users.get(alice.id()).age(), 31, "stored age");
          return Outcome.pass();
        }),
        check("save() of a stale copy is refused", ctx -> {
          User copy = ctx.users.get(ctx.guideUsers().get(0).id());
          ctx.users.save(copy.withAge(31));
          that(thrown(() -> ctx.users.save(copy.withAge(99)), "stale save") instanceof StaleUserException, "expected StaleUserException");
          return Outcome.pass();
        }),
        check("User.upsert: created flag in both branches", ctx -> {
          UpsertResult first = ctx.users.upsert(NewUser.of("alice@example.com", "Alice", 30));
          UpsertResult second = ctx.users.upsert(NewUser.of("alice@example.com", "Alice V2", 32));
          equal(second.user().id(), first.user().id(), "same row");
          equal(second.user().name(), "Alice V2", "updated name");
          if (first.created() == null && second.created() == null) {
            return Outcome.note("upsert created flag unknown on this engine: Inkwell returns created = null");
          }
          equal(first.created(), true, "first upsert created");
          equal(second.created(), false, "second upsert created");
          return Outcome.pass();
        }),
        check("User.upsert keeps what it was not given", ctx -> {
          ctx.users.upsert(new NewUser("alice@example.com", "Alice", 30, null, "bio", null, "555"));
          User after = ctx.users.upsert(NewUser.of("alice@example.com", "Alice V2", 32)).user();
          equal(after.bio(), "bio", "bio");
          equal(after.phone(), "555", "phone");
          return Outcome.pass();
        }),
        check("User.destroy({where}) counts; an empty filter is refused", ctx -> {
          User alice = ctx.guideUsers().get(0);
          equal(ctx.users.destroy(Where.field("id").eq(alice.id())), 1, "deleted");
          that(thrown(() -> ctx.users.destroy(Where.ALL), "empty destroy") instanceof InvalidQueryException, "empty filter accepted");
          equal(ctx.users.count(Where.ALL), 3L, "remaining");
          return Outcome.pass();
        }),
        check("pages: total, pages, hasNext, past the end", ctx -> {
          ctx.users.bulkCreate(IntStream.rangeClosed(1, 45).mapToObj(i -> NewUser.of("p" + i + "@page.test", "P" + i, i)).toList());
          Page<User> first = ctx.users.findPage(FindOptions.all().order(Sort.desc("age")), Paging.DEFAULTS.request(1, 20));
          Page<User> past = ctx.users.findPage(FindOptions.all(), Paging.DEFAULTS.request(4, 20));
          equal(first.items().size(), 20, "page size");
          equal(first.items().get(0).age(), 45, "first item");
          equal(List.of(first.total(), (long) first.pages(), first.hasNext() ? 1L : 0L), List.of(45L, 3L, 1L), "total, pages, hasNext");
          equal(past.items().size(), 0, "past the end");
          return Outcome.pass();
        }),
        check("keyset windows: (age, id) < (?, ?) walks order=-age,name once, both ways", ctx -> {
          ctx.users.bulkCreate(IntStream.rangeClosed(1, 23).mapToObj(i -> new NewUser("k" + i + "@keyset.test", "K" + (i % 4),
              i % 5 == 0 ? null : i % 6, null, null, null, null)).toList());
          FindOptions order = FindOptions.all().order(Sort.desc("age"), Sort.asc("name"));
          List<Integer> all = ctx.users.findAll(order).stream().map(User::id).toList();
          List<Integer> forwards = new ArrayList<>();
          List<Integer> backwards = new ArrayList<>();
          for (String cursor = ""; cursor != null; ) {
            Window<User> window = ctx.users.findWindow(order, new ScrollRequest(cursor, null, 4, CountMode.NONE));
            window.items().forEach(u -> forwards.add(u.id()));
            cursor = window.next();
          }
          for (String cursor = ""; cursor != null; ) {
            Window<User> window = ctx.users.findWindow(order, new ScrollRequest(null, cursor, 4, CountMode.NONE));
            backwards.addAll(0, window.items().stream().map(User::id).toList());
            cursor = window.prev();
          }
          equal(forwards, all, "forwards");
          equal(backwards, all, "backwards");
          return Outcome.pass();
        }),
        check("count=planned: EXPLAIN (FORMAT JSON) gives the planner's row estimate", ctx -> {
          ctx.guideUsers();
          Page<User> page = ctx.users.findPage(FindOptions.all(), new PageRequest(1, 2, CountMode.PLANNED));
          equal(page.totalEstimated(), true, "estimated");
          that(page.total() != null && page.total() >= 0, "no estimate: " + page.total());
          equal(page.items().size(), 2, "page size");
          return Outcome.pass();
        }),
        check("export: every row once in keyset chunks, resumable after an id", ctx -> {
          ctx.users.bulkCreate(IntStream.rangeClosed(1, 11).mapToObj(i -> NewUser.of("e" + i + "@export.test", "E" + i, i)).toList());
          List<Integer> all = ctx.users.findAll(FindOptions.all()).stream().map(User::id).toList();
          List<Integer> exported = new ArrayList<>();
          ctx.users.export(FindOptions.all(), null, 3, chunk -> chunk.forEach(u -> exported.add(u.id())));
          equal(exported, all, "exported");
          List<Integer> resumed = new ArrayList<>();
          ctx.users.export(FindOptions.all(), all.get(7), 3, chunk -> chunk.forEach(u -> resumed.add(u.id())));
          equal(resumed, all.subList(8, all.size()), "resumed");
          return Outcome.pass();
        }),
        check("conditional write: WHERE id = ? AND \"updatedAt\" IN (?) skips a stale version", ctx -> {
          User alice = ctx.guideUsers().get(0);
          Where current = Where.and(Where.field("id").eq(alice.id()), Where.field("updatedAt").in(alice.updatedAt()));
          equal(ctx.users.update(UserChanges.set("age", 31), current), 1, "first write with the read version");
          equal(ctx.users.update(UserChanges.set("age", 99), current), 0, "second write with the same, now stale, version");
          equal(ctx.users.get(alice.id()).age(), 31, "age");
          return Outcome.pass();
        }),
        check("typed JSON path: metadata @@ '$.\"team\".\"name\" == \"core\"' (jsonpath), another type does not match", ctx -> {
          ctx.guideUsers();
          equal(ctx.names("{\"metadata.team.name\": \"core\"}"), List.of("Alice"), "string at a path");
          ctx.users.create(new NewUser("erin@example.com", "Erin", 20, null, null, Map.of("role", 7), null));
          equal(ctx.names("{\"metadata.role\": {\"$gt\": 5}}"), List.of("Erin"), "number at a path (strings do not match)");
          return Outcome.pass();
        }),
        check("aggregate: GROUP BY position, date_trunc in UTC, HAVING on an outer query", ctx -> {
          ctx.guideUsers();
          List<Map<String, Object>> rows = ctx.users.aggregate(AggregationJson.parse(JsonMapper.shared().readTree(
              "{\"groupBy\": [\"isActive\", {\"$dateTrunc\": [\"day\", \"createdAt\"]}], "
                  + "\"aggregates\": {\"n\": {\"$count\": \"*\"}, \"avgAge\": {\"$avg\": \"age\"}}, "
                  + "\"having\": {\"n\": {\"$gte\": 1}}, \"order\": [[\"n\", \"DESC\"]]}")));
          equal(rows.stream().map(r -> r.get("isActive") + ":" + r.get("n") + ":" + r.get("avgAge")).toList(),
              List.of("true:3:30.0", "false:1:40.0"), "groups");
          return Outcome.pass();
        }),
        check("bulk upsert: INSERT ... SELECT FROM unnest ... ON CONFLICT DO UPDATE, created per row", ctx -> {
          ctx.guideUsers();
          BulkUpsert result = ctx.users.bulkUpsert(List.of(NewUser.of("zed@example.com", "Zed", 1),
              NewUser.of("alice@example.com", "Alice V2", 31)), OnConflict.MERGE);
          equal(List.of(result.rows().get(0).id() != null, result.rows().get(1).id().equals(ctx.users.findOne(
              Where.field("email").eq("alice@example.com")).orElseThrow().id())), List.of(true, true), "ids");
          if (result.created() == null) {
            return Outcome.note("bulk upsert created flags unknown on this engine: Inkwell returns created = null");
          }
          equal(List.of(result.created(), result.updated()), List.of(1, 1), "created, updated");
          return Outcome.pass();
        }),
        check("an unknown field is refused before any SQL", ctx -> {
          Throwable t = thrown(() -> ctx.names("{\"password\": \"x\"}"), "unknown field");
          that(t instanceof InvalidQueryException && t.getMessage().startsWith("unknown field 'password'"), "got " + t);
          return Outcome.pass();
        })));
    checks.addAll(List.of(
        operator("gt (guide)", "{\"age\": {\"$gt\": 25}}", "Alice", "Carol", "Dave"),
        operator("lte (guide)", "{\"age\": {\"$lte\": 30}}", "Alice", "Bob"),
        operator("in (guide)", "{\"name\": {\"$in\": [\"Alice\", \"Bob\"]}}", "Alice", "Bob"),
        operator("like (guide)", "{\"name\": {\"$like\": \"%li%\"}}", "Alice"),
        operator("iLike (guide)", "{\"name\": {\"$iLike\": \"%alice%\"}}", "Alice"),
        operator("is null (guide)", "{\"bio\": {\"$is\": null}}", "Alice", "Dave"),
        operator("or/and/not null (guide)",
            "{\"$or\": [{\"$and\": [{\"age\": {\"$gte\": 30}}, {\"bio\": {\"$not\": null}}]}, {\"name\": \"Alice\"}]}", "Alice", "Carol"),
        operator("eq", "{\"name\": \"Bob\"}", "Bob"),
        operator("ne", "{\"age\": {\"$ne\": 30}}", "Bob", "Carol", "Dave"),
        operator("gte", "{\"age\": {\"$gte\": 35}}", "Carol", "Dave"),
        operator("lt", "{\"age\": {\"$lt\": 30}}", "Bob"),
        operator("between", "{\"age\": {\"$between\": [25, 30]}}", "Alice", "Bob"),
        operator("notBetween", "{\"age\": {\"$notBetween\": [25, 30]}}", "Carol", "Dave"),
        operator("notIn", "{\"name\": {\"$notIn\": [\"Alice\"]}}", "Bob", "Carol", "Dave"),
        operator("in [] matches nothing", "{\"name\": {\"$in\": []}}"),
        operator("notIn [] matches everything", "{\"name\": {\"$notIn\": []}}", "Alice", "Bob", "Carol", "Dave"),
        operator("notLike", "{\"name\": {\"$notLike\": \"%o%\"}}", "Alice", "Dave"),
        operator("notILike", "{\"name\": {\"$notILike\": \"%A%\"}}", "Bob"),
        operator("startsWith", "{\"name\": {\"$startsWith\": \"Ca\"}}", "Carol"),
        operator("endsWith", "{\"email\": {\"$endsWith\": \"e@example.com\"}}", "Alice", "Dave"),
        operator("substring matches % and _ literally", "{\"bio\": {\"$substring\": \"0%_\"}}", "Bob"),
        operator("not null", "{\"bio\": {\"$ne\": null}}", "Bob", "Carol"),
        operator("logical not", "{\"$not\": {\"age\": {\"$gte\": 30}}}", "Bob"),
        operator("boolean", "{\"isActive\": false}", "Dave"),
        operator("two operators on one field", "{\"age\": {\"$gt\": 20, \"$lt\": 31}}", "Alice", "Bob"),
        operator("JSONB contains (@>)", "{\"metadata\": {\"$contains\": {\"role\": \"admin\"}}}", "Alice"),
        operator("JSONB path (->>)", "{\"metadata.role\": \"user\"}", "Bob"),
        operator("JSONB nested path", "{\"metadata.team.name\": \"core\"}", "Alice"),
        operator("JSONB hasKey (?)", "{\"metadata\": {\"$hasKey\": \"team\"}}", "Alice"),
        operator("timestamp comparison", "{\"createdAt\": {\"$lt\": \"2999-01-01T00:00:00Z\"}}", "Alice", "Bob", "Carol", "Dave"),
        operator("deep nesting",
            "{\"$and\": [{\"$or\": [{\"name\": \"Alice\"}, {\"$and\": [{\"age\": {\"$gt\": 30}}, {\"$not\": {\"name\": \"Dave\"}}]}]}, {\"isActive\": true}]}",
            "Alice", "Carol")));
    return checks;
  }
}
