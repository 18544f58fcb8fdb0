package dev.inkwell.compat;

import static dev.inkwell.compat.Expect.equal;
import static dev.inkwell.compat.Expect.that;
import static dev.inkwell.compat.Expect.thrown;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.transaction.annotation.Isolation;

import dev.inkwell.app.transactions.TransactionConflicts;
import dev.inkwell.app.transactions.Unit;
import dev.inkwell.app.transactions.UnitOfWork.Tx;
import dev.inkwell.app.users.UserUseCases.PostDraft;
import dev.inkwell.query.Where;
import dev.inkwell.users.NewUser;
import dev.inkwell.users.User;
import dev.inkwell.users.UserChanges;

/** The guide's transactions and what the engine really does under each isolation level. */
final class TransactionChecks {

  static final String CATEGORY = "Transactions and isolation levels";

  private TransactionChecks() {
  }

  /** These commit: each empties the run's tables first. */
  private static Check check(String name, Check.Body body) {
    return new Check(CATEGORY, name, false, ctx -> {
      ctx.reset();
      return body.run(ctx);
    });
  }

  private static int users(CompatContext ctx, String email) {
    return ctx.jdbc.queryForObject("SELECT count(*) FROM users WHERE email = ?", Integer.class, email);
  }

  private static String granted(CompatContext ctx, Isolation level) {
    return ctx.uow.run(Unit.readOnlyUnit().withIsolation(level),
        () -> ctx.jdbc.queryForObject("SHOW transaction_isolation", String.class));
  }

  /** The level the server reports inside the transaction must be the one asked for (SERIALIZABLE: see LimitChecks). */
  private static Check level(Isolation level, String expected) {
    return check(expected.toUpperCase() + " is granted when asked for", ctx -> {
      equal(granted(ctx, level), expected, "transaction_isolation inside a " + expected + " transaction");
      return Outcome.pass();
    });
  }

  static List<Check> all() {
    return List.of(
        check("managed transaction: user and post commit together (guide)", ctx -> {
          ctx.userUseCases.createWithPost(NewUser.of("txn@example.com", "Txn User", 30), new PostDraft("Transactional Post", "Atomic.", null));
          equal(users(ctx, "txn@example.com"), 1, "user");
          equal(ctx.jdbc.queryForObject("SELECT count(*) FROM posts", Integer.class), 1, "post");
          return Outcome.pass();
        }),
        check("managed transaction: a failing second insert leaves neither row", ctx -> {
          thrown(() -> ctx.userUseCases.createWithPost(NewUser.of("half@example.com", "Half", 1), new PostDraft("No content", null, null)),
              "post without content");
          equal(users(ctx, "half@example.com"), 0, "user rolled back");
          return Outcome.pass();
        }),
        check("unmanaged transaction: commit (guide)", ctx -> {
          try (Tx t = ctx.uow.begin(Unit.readWrite())) {
            ctx.users.create(NewUser.of("manual@example.com", "Manual", 28));
            t.commit();
          }
          equal(users(ctx, "manual@example.com"), 1, "committed");
          return Outcome.pass();
        }),
        check("unmanaged transaction: rollback", ctx -> {
          try (Tx t = ctx.uow.begin(Unit.readWrite())) {
            ctx.users.create(NewUser.of("rolled@example.com", "Rolled", 28));
            t.rollback();
          }
          equal(users(ctx, "rolled@example.com"), 0, "rolled back");
          return Outcome.pass();
        }),
        level(Isolation.READ_COMMITTED, "read committed"),
        level(Isolation.REPEATABLE_READ, "repeatable read"),
        check("REPEATABLE_READ findAll (guide) sees one snapshot", ctx -> {
          User u = ctx.uow.run(Unit.readWrite(), () -> ctx.users.create(NewUser.of("snap@example.com", "Snap", 10)));
          List<Integer> ages = readTwice(ctx, Isolation.REPEATABLE_READ, u.id());
          equal(ages, List.of(10, 10), "ages read before and after another commit");
          return Outcome.pass();
        }),
        check("READ COMMITTED sees another transaction's commit (non-repeatable read)", ctx -> {
          User u = ctx.uow.run(Unit.readWrite(), () -> ctx.users.create(NewUser.of("nrr@example.com", "Nrr", 10)));
          equal(readTwice(ctx, Isolation.READ_COMMITTED, u.id()), List.of(10, 11), "ages read before and after another commit");
          return Outcome.pass();
        }),
        check("SERIALIZABLE prevents write skew (one transaction fails with 40001)", ctx -> {
          List<Object> results = writeSkew(ctx, Unit.readWrite().withIsolation(Isolation.SERIALIZABLE), new AtomicInteger());
          long failures = results.stream().filter(r -> r instanceof Throwable).count();
          if (failures == 0) {
            String got = granted(ctx, Isolation.SERIALIZABLE);
            if (!got.equals("serializable")) {
              return Outcome.note("SERIALIZABLE requested, " + got.toUpperCase() + " granted: write skew is not prevented");
            }
            return Outcome.fail("both transactions committed under SERIALIZABLE: write skew allowed");
          }
          equal(failures, 1L, "failed transactions");
          equal(results.stream().filter(r -> r instanceof Throwable).map(r -> TransactionConflicts.sqlState((Throwable) r)).toList(),
              List.of("40001"), "SQLSTATE");
          return Outcome.pass();
        }),
        check("a retryable unit is rerun after a serialization failure", ctx -> {
          AtomicInteger attempts = new AtomicInteger();
          List<Object> results = writeSkew(ctx, Unit.readWrite().withIsolation(Isolation.SERIALIZABLE).retryable(3), attempts);
          that(results.stream().noneMatch(r -> r instanceof Throwable), "a retryable unit failed: " + results);
          if (attempts.get() == 2) {
            return Outcome.note("no conflict arose to retry (SERIALIZABLE not enforced by this engine)");
          }
          equal(attempts.get(), 3, "attempts");
          return Outcome.pass();
        }),
        check("nested unit: savepoint rollback, outer commit", ctx -> {
          ctx.uow.run(Unit.readWrite(), () -> {
            ctx.users.create(NewUser.of("outer@example.com", "Outer", 1));
            thrown(() -> ctx.uow.run(Unit.nestedUnit(), () -> {
              ctx.users.create(NewUser.of("inner@example.com", "Inner", 1));
              return ctx.users.create(NewUser.of("outer@example.com", "Duplicate", 1));
            }), "duplicate inside the nested unit");
            ctx.users.create(NewUser.of("after@example.com", "After", 1));
          });
          equal(List.of(users(ctx, "outer@example.com"), users(ctx, "inner@example.com"), users(ctx, "after@example.com")),
              List.of(1, 0, 1), "outer, inner, after");
          return Outcome.pass();
        }),
        check("a write in a read-only unit fails with 25006", ctx -> {
          Throwable t = thrown(() -> ctx.uow.run(Unit.readOnlyUnit(), () -> ctx.users.create(NewUser.of("ro@example.com", "Ro", 1))),
              "write in a read-only unit");
          equal(TransactionConflicts.sqlState(t), "25006", "SQLSTATE");
          return Outcome.pass();
        }),
        check("a COMMIT the server rejects is the unit's failure", ctx -> {
          Throwable t = thrown(() -> ctx.uow.run(Unit.readWrite(), () -> {
            ctx.jdbc.execute("CREATE TEMPORARY TABLE compat_commit_probe (k int UNIQUE DEFERRABLE INITIALLY DEFERRED) ON COMMIT DROP");
            ctx.users.create(NewUser.of("commit@example.com", "Commit", 1));
            ctx.jdbc.update("INSERT INTO compat_commit_probe VALUES (1), (1)");
            return null;
          }), "duplicate checked at COMMIT");
          equal(TransactionConflicts.sqlState(t), "23505", "SQLSTATE");
          equal(users(ctx, "commit@example.com"), 0, "nothing committed");
          equal(granted(ctx, Isolation.DEFAULT).isBlank(), false, "the pool still works");
          return Outcome.pass();
        }));
  }

  private static List<Integer> readTwice(CompatContext ctx, Isolation level, int id) throws Exception {
    return Anomalies.readTwiceAroundACommit(ctx.uow, level, () -> ctx.users.get(id).age(), () -> ctx.users.incrementAge(id));
  }

  /** Two on-call users; each transaction reads both on call, then takes itself off. */
  private static List<Object> writeSkew(CompatContext ctx, Unit unit, AtomicInteger attempts) throws Exception {
    List<Integer> onCall = ctx.uow.run(Unit.readWrite(), () -> ctx.users.bulkCreate(List.of(
        NewUser.of("a@skew.test", "A", 1), NewUser.of("b@skew.test", "B", 1)))).stream().map(User::id).toList();
    return Anomalies.writeSkew(ctx.uow, unit, attempts, onCall,
        () -> (int) ctx.users.count(Where.field("isActive").eq(true)),
        me -> ctx.users.update(UserChanges.set("isActive", false), Where.field("id").eq(me)));
  }
}
