package dev.inkwell.app.replicas;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Around a {@code @ReadOnly} use case outside any transaction: marks the thread's statements as reads
 * for {@link ReadRouting}, for the call. Inside a transaction it changes nothing: the transaction's
 * own read-only flag decides. A thread-local of its own, not Spring's transaction machinery: a
 * read-only scope through {@code @Transactional(propagation = SUPPORTS)} cost a fifth of a look-up's
 * CPU (docs/benchmarks.md).
 */
final class ReadOnlyScope implements MethodInterceptor {

  private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

  /** Whether the current thread runs a {@code @ReadOnly} use case outside a transaction. */
  static boolean active() {
    return ACTIVE.get() != null && !TransactionSynchronizationManager.isActualTransactionActive();
  }

  @Override
  public Object invoke(MethodInvocation invocation) throws Throwable {
    if (ACTIVE.get() != null || TransactionSynchronizationManager.isActualTransactionActive()) {
      return invocation.proceed();
    }
    ACTIVE.set(Boolean.TRUE);
    try {
      return invocation.proceed();
    } finally {
      ACTIVE.remove();
    }
  }
}
