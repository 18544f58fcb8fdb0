package dev.inkwell.app.transactions;

import dev.inkwell.app.pooler.ThroughTransactionPooler;

/** {@link TransactionsApiTest}, every test, through PgBouncer in transaction mode: the same results. */
@ThroughTransactionPooler
class TransactionsApiThroughPoolerTest extends TransactionsApiTest {
}
