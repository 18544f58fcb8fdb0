package dev.inkwell.app.transactions;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A read use case. No transaction of its own: a statement needs none, and at READ COMMITTED one would
 * buy no shared snapshot, only a BEGIN and a COMMIT (docs/benchmarks.md, round trips). But a read-only
 * scope Spring keeps for the call: its statements share one connection, and with a read replica
 * configured (dev.inkwell.app.replicas) they may be served by it. Called inside a caller's
 * transaction, it joins that one and reads where the caller writes.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
public @interface ReadOnly {
}
