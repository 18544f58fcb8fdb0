package dev.inkwell.app.reliability;

import dev.inkwell.app.pooler.ThroughTransactionPooler;

/** {@link HostileInputTest}, every test, through PgBouncer in transaction mode: the same results. */
@ThroughTransactionPooler
class HostileInputThroughPoolerTest extends HostileInputTest {
}
