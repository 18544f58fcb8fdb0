package dev.inkwell.app.replicas;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring's routing DataSource, keyed on whether the current statements are reads: in a
 * {@code @Transactional(readOnly = true)} transaction (the flag Spring keeps for it) or in one of the
 * service's {@code @ReadOnly} use cases outside a transaction ({@link ReadOnlyScope}). Reads go to the replica while it is reachable, no more than {@code max-lag} behind, and has
 * replayed the request's {@code Inkwell-Min-LSN}; everything else goes to the primary. It sits behind
 * Spring's {@code LazyConnectionDataSourceProxy}, so that a transaction's connection is chosen at its
 * first statement, when the flag is set, not when the transaction begins.
 */
final class ReadRouting extends AbstractRoutingDataSource {

  enum Node { PRIMARY, REPLICA }

  private final DataSource primary;
  private final ReadReplica replica;

  ReadRouting(DataSource primary, ReadReplica replica) {
    this.primary = primary;
    this.replica = replica;
    setTargetDataSources(Map.of(Node.PRIMARY, primary, Node.REPLICA, replica.pool()));
    setDefaultTargetDataSource(primary);
    setLenientFallback(false);
    afterPropertiesSet();
  }

  @Override
  protected Object determineCurrentLookupKey() {
    if (!TransactionSynchronizationManager.isCurrentTransactionReadOnly() && !ReadOnlyScope.active()) {
      ReadConsistency.wrote();
      return Node.PRIMARY;
    }
    // A hot standby refuses SERIALIZABLE.
    Integer isolation = TransactionSynchronizationManager.getCurrentTransactionIsolationLevel();
    if (isolation != null && isolation == TransactionDefinition.ISOLATION_SERIALIZABLE) {
      return Node.PRIMARY;
    }
    ReadReplica.Fallback refusal = replica.refusal(ReadConsistency.minLsn());
    if (refusal != null) {
      replica.servedByPrimary(refusal);
      return Node.PRIMARY;
    }
    return Node.REPLICA;
  }

  /** A replica that went away since the last check: this read falls back to the primary. */
  @Override
  public Connection getConnection() throws SQLException {
    DataSource target = determineTargetDataSource();
    if (target == primary) {
      return primary.getConnection();
    }
    try {
      Connection connection = target.getConnection();
      replica.servedByReplica();
      return connection;
    } catch (SQLException e) {
      replica.unreachable(e);
      replica.servedByPrimary(ReadReplica.Fallback.DOWN);
      return primary.getConnection();
    }
  }
}
