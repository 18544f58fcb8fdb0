package dev.inkwell.app.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLFeatureNotSupportedException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.inkwell.migrations.testing.TestDatabaseSettings;

/**
 * One of DB9's pages says SERIALIZABLE is refused with an error rather than run as REPEATABLE READ.
 * PostgreSQL refuses it only on a hot standby, so the refusal is emulated where the driver would
 * report it: connections to the real test database whose {@code setTransactionIsolation(SERIALIZABLE)}
 * fails with SQLSTATE 0A000. A unit asking for SERIALIZABLE then runs as REPEATABLE READ, and the
 * observer records the level used and the server's words.
 */
class SerializableRefusedTest {

  private static DataSource refusingSerializable() {
    DataSource real = new DriverManagerDataSource(TestDatabaseSettings.url(), TestDatabaseSettings.username(),
        TestDatabaseSettings.password());
    return new DelegatingDataSource(real) {
      @Override
      public Connection getConnection() throws java.sql.SQLException {
        Connection connection = real.getConnection();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("setTransactionIsolation") && (int) args[0] == Connection.TRANSACTION_SERIALIZABLE) {
                throw new SQLFeatureNotSupportedException("ERROR: SERIALIZABLE isolation level is not supported", "0A000");
              }
              try {
                return method.invoke(connection, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
      }
    };
  }

  @Test
  void aRefusedSerializableRunsAsRepeatableReadAndIsRecorded() {
    DataSource dataSource = refusingSerializable();
    IsolationObserver observer = new IsolationObserver();
    TransactionTemplate serializable = new TransactionTemplate(new ObservingTransactionManager(dataSource, observer));
    serializable.setIsolationLevel(TransactionDefinition.ISOLATION_SERIALIZABLE);
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);

    String granted = serializable.execute(status -> jdbc.queryForObject("SHOW transaction_isolation", String.class));

    assertThat(granted).isEqualTo("repeatable read");
    assertThat(observer.observed()).containsEntry("serializable", "repeatable read");
    assertThat(observer.refusals().get("serializable")).startsWith("[0A000]").contains("not supported");
  }

  @Test
  void otherFailuresToBeginAreNotMistakenForARefusal() {
    var serializable = new org.springframework.transaction.support.DefaultTransactionDefinition();
    serializable.setIsolationLevel(TransactionDefinition.ISOLATION_SERIALIZABLE);

    assertThat(ObservingTransactionManager.serializableRefusal(serializable,
        new java.sql.SQLException("Connection refused", "08001"))).isNull();
    assertThat(ObservingTransactionManager.serializableRefusal(serializable,
        new java.sql.SQLException("SERIALIZABLE is not supported", "0A000"))).isEqualTo("[0A000] SERIALIZABLE is not supported");
  }
}
