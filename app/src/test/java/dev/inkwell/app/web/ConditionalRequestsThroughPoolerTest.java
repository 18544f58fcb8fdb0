package dev.inkwell.app.web;

import dev.inkwell.app.pooler.ThroughTransactionPooler;

/** {@link ConditionalRequestsTest}, every test, through PgBouncer in transaction mode: the same results. */
@ThroughTransactionPooler
class ConditionalRequestsThroughPoolerTest extends ConditionalRequestsTest {
}
