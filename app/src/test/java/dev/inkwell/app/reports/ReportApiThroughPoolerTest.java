package dev.inkwell.app.reports;

import dev.inkwell.app.pooler.ThroughTransactionPooler;

/** {@link ReportApiTest}, every test, through PgBouncer in transaction mode: the same results. */
@ThroughTransactionPooler
class ReportApiThroughPoolerTest extends ReportApiTest {
}
