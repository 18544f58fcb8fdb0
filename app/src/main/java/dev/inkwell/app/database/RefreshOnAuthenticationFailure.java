package dev.inkwell.app.database;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * HikariCP's data source for new physical connections, wrapped: when the server refuses the
 * password (SQLSTATE 28P01, a connect token that expired), the credentials are fetched again and the
 * connection is tried once more with them, instead of failing until the next scheduled refresh.
 */
final class RefreshOnAuthenticationFailure implements DataSource {

  private final DataSource delegate;
  private final DatasourceCredentials credentials;

  RefreshOnAuthenticationFailure(DataSource delegate, DatasourceCredentials credentials) {
    this.delegate = delegate;
    this.credentials = credentials;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return getConnection(credentials.getCredentials().getUsername(), credentials.getCredentials().getPassword());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    try {
      return delegate.getConnection(username, password);
    } catch (SQLException e) {
      if (!"28P01".equals(e.getSQLState())) {
        throw e;
      }
      credentials.refresh();
      return delegate.getConnection(username, credentials.getCredentials().getPassword());
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(this) ? type.cast(this) : delegate.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || delegate.isWrapperFor(type);
  }
}
