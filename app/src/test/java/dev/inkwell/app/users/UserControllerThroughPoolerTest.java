package dev.inkwell.app.users;

import dev.inkwell.app.pooler.ThroughTransactionPooler;

/** {@link UserControllerTest}, every test, through PgBouncer in transaction mode: the same results. */
@ThroughTransactionPooler
class UserControllerThroughPoolerTest extends UserControllerTest {
}
