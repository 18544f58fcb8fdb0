package dev.inkwell.app.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a failed start-up connection check into Boot's short report instead of a stack trace. */
class DatabaseUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseUnreachableException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, DatabaseUnreachableException cause) {
    return new FailureAnalysis(cause.getMessage(),
        "Start the local database with scripts/db.sh, or set SPRING_DATASOURCE_URL / _USERNAME / _PASSWORD"
            + " (or INKWELL_DB9_DATABASE / INKWELL_DB9_PASSWORD) to reach another server.",
        cause);
  }
}
