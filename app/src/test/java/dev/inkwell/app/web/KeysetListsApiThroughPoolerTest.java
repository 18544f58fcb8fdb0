package dev.inkwell.app.web;

import dev.inkwell.app.pooler.ThroughTransactionPooler;

/** {@link KeysetListsApiTest}, every test, through PgBouncer in transaction mode: the same results. */
@ThroughTransactionPooler
class KeysetListsApiThroughPoolerTest extends KeysetListsApiTest {
}
