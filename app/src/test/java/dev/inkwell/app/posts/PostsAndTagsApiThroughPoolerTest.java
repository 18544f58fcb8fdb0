package dev.inkwell.app.posts;

import dev.inkwell.app.pooler.ThroughTransactionPooler;

/** {@link PostsAndTagsApiTest}, every test, through PgBouncer in transaction mode: the same results. */
@ThroughTransactionPooler
class PostsAndTagsApiThroughPoolerTest extends PostsAndTagsApiTest {
}
