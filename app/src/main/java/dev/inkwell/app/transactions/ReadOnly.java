package dev.inkwell.app.transactions;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A read use case. It runs without a transaction of its own: a statement needs none, and at READ
 * COMMITTED one would buy no shared snapshot, only a BEGIN and a COMMIT (docs/benchmarks.md, round
 * trips). With a read replica configured, its statements may be served by the replica
 * (dev.inkwell.app.replicas); called inside a caller's transaction, they run in that one. Without a
 * replica the annotation costs nothing: nothing intercepts it (a Spring read-only scope measured a
 * fifth of a look-up's CPU).
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ReadOnly {
}
