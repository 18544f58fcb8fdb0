package dev.inkwell.query.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace.NONE;

import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import javax.sql.DataSource;

import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.executor.resultset.DefaultResultSetHandler;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.RowBounds;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;

/**
 * The handler reads what MyBatis's own reads, on PostgreSQL: the same statements through a
 * configuration without it and one with it give equal rows and equal errors, and it reads only the
 * maps it can read as MyBatis would.
 */
@JdbcTest(properties = {"spring.config.import=classpath:config/test-database.yml", "spring.flyway.enabled=false"})
@AutoConfigureTestDatabase(replace = NONE)
class FlatRowsResultSetHandlerTest {

  @SpringBootConfiguration
  static class Database {
  }

  public record Row(Integer id, String name, Integer age, Map<String, Object> data, OffsetDateTime at) {
  }

  /** A constructor and a setter that throws. */
  public static final class Refusing {
    public Refusing(Integer id, String name) {
    }

    public void setFlag(Boolean flag) {
      throw new IllegalStateException("no flag");
    }
  }

  /** A constructor and a setter; {@code flag} tells a setter called with null from one never called. */
  public static final class Flagged {
    private final Integer id;
    private final String name;
    private Object flag = "never set";
    private Flagged inner;

    public Flagged(Integer id, String name) {
      this.id = id;
      this.name = name;
    }

    public void setFlag(Boolean flag) {
      this.flag = flag;
    }

    public void setInner(Flagged inner) {
      this.inner = inner;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Flagged f && Objects.equals(id, f.id) && Objects.equals(name, f.name)
          && Objects.equals(flag, f.flag) && Objects.equals(inner, f.inner);
    }

    @Override
    public int hashCode() {
      return Objects.hash(id, name);
    }

    @Override
    public String toString() {
      return "Flagged[" + id + ", " + name + ", " + flag + ", " + inner + "]";
    }
  }

  /** A joined map's type: a default constructor and setters, as MyBatis builds it. */
  public static final class Owner {
    private Integer id;
    private String name;
    private Flagged inner;
    private List<Flagged> items;

    public void setId(Integer id) {
      this.id = id;
    }

    public void setName(String name) {
      this.name = name;
    }

    public void setInner(Flagged inner) {
      this.inner = inner;
    }

    public List<Flagged> getItems() {
      return items;
    }

    public void setItems(List<Flagged> items) {
      this.items = items;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Owner w && Objects.equals(id, w.id) && Objects.equals(name, w.name)
          && Objects.equals(inner, w.inner) && Objects.equals(items, w.items);
    }

    @Override
    public int hashCode() {
      return Objects.hash(id, name);
    }

    @Override
    public String toString() {
      return "Owner[" + id + ", " + name + ", " + inner + ", " + items + "]";
    }
  }

  @Autowired
  private DataSource dataSource;

  /** The statements the handler read itself, in order. */
  private final List<String> readByIt = new ArrayList<>();

  @Test
  void flatRowsAreWhatMyBatisReads() {
    List<Object> rows = sameThroughBoth(s -> s.selectList("flatRows.rows", Map.of("any", -1)), false);
    assertThat(rows).isEmpty();
    rows = sameThroughBoth(s -> s.selectList("flatRows.rows", java.util.Collections.singletonMap("any", null)), false);
    // a row without any value is null, as MyBatis makes it; JSONB through its type handler
    assertThat(rows).hasSize(3).containsNull();
    assertThat(rows.get(0)).isEqualTo(new Row(1, "one", null, Map.of("k", 1), OffsetDateTime.parse("2026-12-04T10:00Z")));
    assertThat(rows.get(1)).isEqualTo(new Row(2, null, 20, null, null));
    assertThat(readByIt).containsExactly("flatRows.rows", "flatRows.rows");
  }

  @Test
  void aPropertyIsSetOnlyWhenItsColumnIsThereAndNotNull() {
    List<Object> rows = sameThroughBoth(s -> s.selectList("flatRows.flagged"), false);
    assertThat(rows).extracting(r -> ((Flagged) r).flag).containsExactly(true, "never set");
    rows = sameThroughBoth(s -> s.selectList("flatRows.flaggedWithoutFlag"), false);
    assertThat(rows).extracting(r -> ((Flagged) r).flag).containsExactly("never set");
    // callSettersOnNulls: the setter gets the null
    rows = sameThroughBoth(s -> s.selectList("flatRows.flagged"), true);
    assertThat(rows).extracting(r -> ((Flagged) r).flag).containsExactly(true, null);
    assertThat(readByIt).hasSize(3);
  }

  @Test
  void rowsAfterAnUpdateCountAreFound() {
    List<Object> rows = sameThroughBoth(s -> s.selectList("flatRows.afterAnUpdate"), false);
    assertThat(rows).extracting(r -> ((Flagged) r).flag).containsExactly(false);
    assertThat(readByIt).containsExactly("flatRows.afterAnUpdate");
  }

  @Test
  void aSetterThatThrowsFailsAsInMyBatis() {
    assertThat(sameFailureThroughBoth("flatRows.refusing")).contains("Could not set property 'flag'").contains("with value 'true'");
    assertThat(readByIt).containsExactly("flatRows.refusing");
  }

  @Test
  void aValueItsTypeHandlerCannotReadFailsAsInMyBatis() {
    assertThat(sameFailureThroughBoth("flatRows.badValue")).contains("Could not process result for mapping").contains("column='age'");
    assertThat(readByIt).containsExactly("flatRows.badValue");
  }

  @Test
  void autoMappedNestedBoundedOrHandledReadsStayWithMyBatis() {
    List<Object> rows = sameThroughBoth(s -> s.selectList("flatRows.autoMapped"), false);
    assertThat(rows).extracting(r -> ((Flagged) r).flag).containsExactly(true);
    rows = sameThroughBoth(s -> s.selectList("flatRows.nested"), false);
    assertThat(((Flagged) rows.get(0)).inner).isEqualTo(flagged(2, "two", true));
    rows = sameThroughBoth(s -> s.selectList("flatRows.flagged", null, new RowBounds(1, 1)), false);
    assertThat(rows).containsExactly(flagged(2, "two", "never set"));
    rows = sameThroughBoth(s -> {
      List<Object> handled = new ArrayList<>();
      s.select("flatRows.flagged", context -> handled.add(context.getResultObject()));
      return handled;
    }, false);
    assertThat(rows).hasSize(2);
    assertThat(readByIt).isEmpty();
  }

  @Test
  void valuesAreWhatMyBatisReads() {
    assertThat(sameThroughBoth(s -> s.selectList("flatRows.count"), false)).containsExactly(3L);
    assertThat(sameThroughBoth(s -> s.selectList("flatRows.names"), false)).containsExactly("a", null, "c");
    // the first of several columns; a row whose value is null is a null
    assertThat(sameThroughBoth(s -> s.selectList("flatRows.firstOfTwo"), false)).containsExactly(7, null);
    // a jsonb column (JDBC type OTHER) read as text
    assertThat(sameThroughBoth(s -> s.selectList("flatRows.asText"), false)).containsExactly("{\"k\": 1}");
    assertThat(readByIt).containsExactly("flatRows.count", "flatRows.names", "flatRows.firstOfTwo", "flatRows.asText");
    // a map has no type handler: MyBatis maps it
    assertThat(sameThroughBoth(s -> s.selectList("flatRows.aMap"), false)).containsExactly(Map.of("one", 1));
    assertThat(readByIt).hasSize(4);
    assertThat(sameFailureThroughBoth("flatRows.badNumber")).contains("Error attempting to get column 'n' from result set");
  }

  @Test
  void joinedRowsAreGroupedAsMyBatisGroupsThem() {
    List<Object> rows = sameThroughBoth(s -> s.selectList("flatRows.owners"), false);
    // by key, in the order first seen: a child once per parent, none for a row without one (an empty
    // list, a null association), an owner per row where its key is null, a child without an id per row
    assertThat(rows).hasSize(5);
    Owner one = (Owner) rows.get(0);
    assertThat(one.inner).isEqualTo(flagged(10, "ten", true));
    assertThat(one.items).containsExactly(flagged(100, "a", true), flagged(101, "b", "never set"));
    Owner two = (Owner) rows.get(1);
    assertThat(two.inner).isNull();
    assertThat(two.items).isEmpty();
    assertThat(rows.get(2)).isEqualTo(rows.get(3));
    assertThat(rows.get(2)).isNotSameAs(rows.get(3));
    assertThat(((Owner) rows.get(4)).items).containsExactly(flagged(null, "nameless", "never set"));
    // unprefixed, the association reads the owner's own columns (there is no "Flag"); notNullColumn:
    // only items with a flag
    rows = sameThroughBoth(s -> s.selectList("flatRows.ownersAsTheirInner"), true);
    assertThat(((Owner) rows.get(0)).inner).isEqualTo(flagged(1, "one", "never set"));
    assertThat(((Owner) rows.get(0)).items).containsExactly(flagged(100, "a", true));
    assertThat(((Owner) rows.get(1)).items).isEmpty();
    // no column with a child's prefix: no child read, the collection still created
    rows = sameThroughBoth(s -> s.selectList("flatRows.ownersWithoutChildColumns"), false);
    assertThat(((Owner) rows.get(0)).items).isEmpty();
    // no <id>: keyed by all its column properties
    rows = sameThroughBoth(s -> s.selectList("flatRows.ownersWithoutId"), false);
    assertThat(rows).hasSize(5);
    assertThat(readByIt).containsExactly("flatRows.owners", "flatRows.ownersAsTheirInner", "flatRows.ownersWithoutChildColumns",
        "flatRows.ownersWithoutId");
  }

  @Test
  void resultOrderedJoinedRowsStayWithMyBatis() {
    List<Object> rows = sameThroughBoth(s -> s.selectList("flatRows.ownersOrdered"), false);
    assertThat(rows).hasSize(6);
    assertThat(readByIt).isEmpty();
  }

  private static Flagged flagged(Integer id, String name, Object flag) {
    Flagged f = new Flagged(id, name);
    f.flag = flag;
    return f;
  }

  /** The rows {@code read} returns without the handler, after checking that with it they are equal. */
  private List<Object> sameThroughBoth(Function<SqlSession, List<Object>> read, boolean callSettersOnNulls) {
    List<Object> stock = run(configuration(false, callSettersOnNulls), read);
    List<Object> flat = run(configuration(true, callSettersOnNulls), read);
    assertThat(flat).isEqualTo(stock);
    return stock;
  }

  private List<Object> run(Configuration configuration, Function<SqlSession, List<Object>> read) {
    try (SqlSession session = new SqlSessionFactoryBuilder().build(configuration).openSession()) {
      return read.apply(session);
    }
  }

  /** MyBatis's failure message for the statement, after checking that with the handler it is the same. */
  private String sameFailureThroughBoth(String statement) {
    String stock = failure(configuration(false, false), statement);
    assertThat(failure(configuration(true, false), statement)).isEqualTo(stock);
    return stock;
  }

  private String failure(Configuration configuration, String statement) {
    try (SqlSession session = new SqlSessionFactoryBuilder().build(configuration).openSession()) {
      try {
        session.selectList(statement);
      } catch (PersistenceException e) {
        return e.getCause().getMessage();
      }
      throw new AssertionError("no failure");
    }
  }

  private Configuration configuration(boolean withHandler, boolean callSettersOnNulls) {
    Configuration configuration = new Configuration(new Environment("test", new JdbcTransactionFactory(), dataSource));
    configuration.setCallSettersOnNulls(callSettersOnNulls);
    if (withHandler) {
      configuration.addInterceptor(new FlatRowsResultSetHandler() {
        @Override
        public Object plugin(Object target) {
          Object plugged = super.plugin(target);
          if (plugged != target && target instanceof DefaultResultSetHandler) {
            readByIt.add(((FlatRowsResultSetHandler.Handler) plugged).statement());
          }
          return plugged;
        }
      });
    }
    String resource = "flat-rows/Statements.xml";
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
      new XMLMapperBuilder(in, configuration, resource, configuration.getSqlFragments()).parse();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return configuration;
  }
}
