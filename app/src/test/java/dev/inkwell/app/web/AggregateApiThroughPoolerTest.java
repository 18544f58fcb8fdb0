package dev.inkwell.app.web;

import dev.inkwell.app.pooler.ThroughTransactionPooler;

/** {@link AggregateApiTest}, every test, through PgBouncer in transaction mode: the same results. */
@ThroughTransactionPooler
class AggregateApiThroughPoolerTest extends AggregateApiTest {
}
