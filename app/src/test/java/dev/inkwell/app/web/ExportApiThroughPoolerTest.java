package dev.inkwell.app.web;

import dev.inkwell.app.pooler.ThroughTransactionPooler;

/** {@link ExportApiTest}, every test, through PgBouncer in transaction mode: the same results. */
@ThroughTransactionPooler
class ExportApiThroughPoolerTest extends ExportApiTest {
}
