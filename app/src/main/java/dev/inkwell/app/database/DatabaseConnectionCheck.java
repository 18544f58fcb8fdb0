package dev.inkwell.app.database;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

import javax.net.ssl.SSLException;
import javax.sql.DataSource;

import org.postgresql.Driver;
import org.springframework.beans.factory.config.BeanPostProcessor;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The guide's {@code sequelize.authenticate()}: as soon as the pool exists, one connection is opened
 * and closed, before Flyway or anything else uses it. A failure stops start-up with one line naming
 * host, port, database and user, and the cause in words.
 */
public class DatabaseConnectionCheck implements BeanPostProcessor {

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource dataSource) {
      verify(dataSource, dataSource.getJdbcUrl(), dataSource.getUsername());
    }
    return bean;
  }

  static void verify(DataSource dataSource, String url, String user) {
    try (Connection ignored = dataSource.getConnection()) {
      // reachable
    } catch (SQLException | RuntimeException e) {
      throw new DatabaseUnreachableException(describe(url, user, e), e);
    }
  }

  /** "Cannot connect to PostgreSQL at host:port, database 'db', user 'u': cause". */
  static String describe(String url, String user, Throwable failure) {
    Properties parsed = url == null ? null : Driver.parseURL(url, null);
    String target = parsed == null
        ? "'" + url + "'"
        : parsed.getProperty("PGHOST") + ":" + parsed.getProperty("PGPORT")
            + ", database '" + parsed.getProperty("PGDBNAME") + "'";
    return "Cannot connect to PostgreSQL at " + target + ", user '" + user + "': " + cause(failure);
  }

  static String cause(Throwable failure) {
    String lastMessage = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        switch (sql.getSQLState()) {
          case "28P01", "28000":
            return "authentication failed (wrong user or password)";
          case "3D000":
            return "database does not exist";
          case "57P03":
            return "the server does not accept connections now (starting up or shutting down)";
          default:
            break;
        }
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return "connection refused (is the server running and listening on that port?)";
      }
      if (t instanceof SocketTimeoutException) {
        return "connection timed out";
      }
      if (t instanceof UnknownHostException) {
        return "unknown host";
      }
      if (t instanceof SSLException) {
        return "TLS handshake failed: " + t.getMessage();
      }
      if (t.getMessage() != null) {
        lastMessage = t.getMessage();
      }
    }
    if (lastMessage != null && lastMessage.contains("SSL")) {
      return "TLS failure: " + lastMessage;
    }
    return lastMessage == null ? failure.getClass().getSimpleName() : lastMessage;
  }
}
