package dev.inkwell.app.vectors;

import dev.inkwell.app.pooler.ThroughTransactionPooler;

/** {@link EmbeddingApiTest}, every test, through PgBouncer in transaction mode: the same results. */
@ThroughTransactionPooler
class EmbeddingApiThroughPoolerTest extends EmbeddingApiTest {
}
