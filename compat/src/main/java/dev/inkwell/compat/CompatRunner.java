package dev.inkwell.compat;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.inkwell.app.transactions.Unit;
import dev.inkwell.app.transactions.UnitOfWork.Tx;

/** Runs checks one by one, each isolated, turning any exception into a failure with its cause. */
public final class CompatRunner {

  private CompatRunner() {
  }

  /** Runs one check; {@code forcedFailure} (a check name) fails that check on purpose, to try the report. */
  public static CompatResult run(CompatContext ctx, Check check, String forcedFailure) {
    long start = System.nanoTime();
    Outcome outcome;
    try {
      if (forcedFailure != null && !forcedFailure.isBlank() && check.name().contains(forcedFailure)) {
        throw new AssertionError("failed on purpose (inkwell.compat.fail-check)");
      }
      if (check.rolledBack()) {
        try (Tx t = ctx.uow.begin(Unit.readWrite())) {
          outcome = check.body().run(ctx); // closing without commit rolls the check's rows back
        }
      } else {
        outcome = check.body().run(ctx);
      }
    } catch (Throwable t) {
      outcome = Outcome.fail(message(t));
    }
    return new CompatResult(check, outcome, (System.nanoTime() - start) / 1_000_000);
  }

  public static List<CompatResult> runAll(CompatContext ctx, List<Check> checks, String forcedFailure, PrintStream progress) {
    List<CompatResult> results = new ArrayList<>();
    boolean console = System.console() != null;
    for (int i = 0; i < checks.size(); i++) {
      Check check = checks.get(i);
      if (console) {
        progress.printf("\r[%3d/%d] %-90.90s", i + 1, checks.size(), check.id());
      } else if (i % 10 == 0) {
        progress.printf("[%3d/%d] %s%n", i + 1, checks.size(), check.category());
      }
      results.add(run(ctx, check, forcedFailure));
    }
    if (console) {
      progress.printf("\r%-100s\r", "");
    }
    return results;
  }

  /** The server's own words where there are some (the innermost SQLException), else the failure's message. */
  static String message(Throwable failure) {
    String sql = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException e) {
        sql = (e.getSQLState() == null ? "" : "[" + e.getSQLState() + "] ") + e.getMessage();
      }
    }
    if (sql != null) {
      return sql;
    }
    return failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
  }
}
