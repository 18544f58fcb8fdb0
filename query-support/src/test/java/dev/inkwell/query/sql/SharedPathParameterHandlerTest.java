package dev.inkwell.query.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.ibatis.executor.parameter.ParameterHandler;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.scripting.defaults.DefaultParameterHandler;
import org.apache.ibatis.scripting.xmltags.XMLLanguageDriver;
import org.apache.ibatis.session.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The driver's parameter handler sets exactly the values, types and order MyBatis's own sets, and
 * reads a dotted name's first object once. No database: the calls a handler makes on the statement
 * are recorded; every module's and the service's tests bind through it on PostgreSQL
 * (persistence-defaults.yml).
 */
class SharedPathParameterHandlerTest {

  private final Configuration stock = ParsedOnceStatements.configuration(XMLLanguageDriver.class);
  private final Configuration shared = ParsedOnceStatements.configuration(ParsedOnceLanguageDriver.class);

  @Test
  void aRowsColumnsAreSetAsMyBatisSetsThem() {
    Map<String, Object> row = new HashMap<>(Map.of("email", "a@x.org", "name", "A", "age", 30, "metadata", Map.of("k", 1)));
    assertSameCalls("insert", Map.of("row", row));
    row.put("age", null);
    row.put("metadata", null);
    assertSameCalls("insert", Map.of("row", row));
    Map<String, Object> noRow = new HashMap<>();
    noRow.put("row", null);
    assertSameCalls("insert", noRow);
    assertThat(calls(shared, "insert", noRow)).containsExactly("setNull 1 1111", "setNull 2 1111", "setNull 3 1111 jsonb");
  }

  @Test
  void namesTwoDeepIndexedAndPlainAreSetAsMyBatisSetsThem() {
    Map<String, Object> parameter = new HashMap<>();
    parameter.put("outer", new Outer(new Inner("Ann", 41), "t"));
    parameter.put("list", List.of(new Inner("zero", 0), new Inner("one", 1)));
    parameter.put("plain", "p@x.org");
    parameter.put("row", Map.of("metadata", Map.of("a", true)));
    assertSameCalls("nested", parameter);
    assertThat(calls(shared, "nested", parameter)).startsWith("setString 1 Ann", "setInt 2 41", "setString 3 t",
        "setString 4 one", "setString 5 p@x.org");
    parameter.put("outer", new Outer(null, null));
    assertSameCalls("nested", parameter);
  }

  @Test
  void bindingsAndWholeParametersAreSetAsMyBatisSetsThem() {
    assertSameCalls("byRows", Map.of("rows", List.of(Map.of("email", "a@x.org"), Map.of("email", "b@x.org"))));
    assertThat(calls(shared, "byRows", Map.of("rows", List.of(Map.of("email", "a@x.org"))))).containsExactly("setString 1 a@x.org");
    assertSameCalls("byIds", Map.of("ids", List.of(3, 4)));
    assertSameCalls("byScalar", "Ann");
    assertSameCalls("staticOne", 7);
    assertSameCalls("staticOne", null);
  }

  @Test
  void valuesOfEveryClassBindWithTheHandlerMyBatisWouldPickOnEveryCall() {
    List<Object> values = Arrays.asList(1, "s", 2L, new BigDecimal("1.5"), LocalDate.of(2020, 1, 2), true, 'c',
        new Inner("no handler", 1), new byte[] {1}, null);
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < values.size(); i++) {
        Map<String, Object> p = new HashMap<>();
        p.put("v", values.get(i));
        p.put("w", values.get(values.size() - 1 - i));
        assertSameCalls("anyValue", Map.of("p", p));
      }
    }
    Map<String, Object> p = new HashMap<>(Map.of("v", 7, "w", new Inner("x", 2)));
    assertThat(calls(shared, "anyValue", Map.of("p", p))).containsExactly("setInt 1 7", "setInt 2 7", "setInt 3 7",
        "setObject 4 Inner[name=x, age=2]");
    p.put("v", "t");
    assertThat(calls(shared, "anyValue", Map.of("p", p))).startsWith("setString 1 t", "setString 2 t", "setNString 3 t");
  }

  @Test
  void aDottedNamesFirstObjectIsReadOncePerStatement() {
    CountingRow counting = new CountingRow(Map.of("email", "a@x.org", "name", "A", "age", 30));
    bind(shared, "insert", counting, recorder(new ArrayList<>()));
    assertThat(counting.reads).isEqualTo(1);
    counting.reads = 0;
    bind(stock, "insert", counting, recorder(new ArrayList<>()));
    assertThat(counting.reads).isEqualTo(4);
    assertThat(handler(shared, "insert", counting)).isInstanceOf(SharedPathParameterHandler.class);
    assertThat(handler(stock, "insert", counting)).isExactlyInstanceOf(DefaultParameterHandler.class);
  }

  record Inner(String name, int age) {
  }

  record Outer(Inner inner, String tag) {
  }

  /** A parameter whose {@code row} counts its reads in binding (the tags' OGNL reads come before). */
  public static final class CountingRow {
    private final Map<String, Object> row;
    int reads;

    CountingRow(Map<String, Object> row) {
      this.row = row;
    }

    public Map<String, Object> getRow() {
      reads++;
      return row;
    }
  }

  private void assertSameCalls(String id, Object parameter) {
    assertThat(calls(shared, id, parameter)).isNotEmpty().isEqualTo(calls(stock, id, parameter));
  }

  private static List<String> calls(Configuration configuration, String id, Object parameter) {
    List<String> calls = new ArrayList<>();
    bind(configuration, id, parameter, recorder(calls));
    return calls;
  }

  private static void bind(Configuration configuration, String id, Object parameter, PreparedStatement ps) {
    ParameterHandler handler = handler(configuration, id, parameter);
    if (parameter instanceof CountingRow counting) {
      counting.reads = 0; // the tags' reads in getBoundSql are not binding's
    }
    try {
      handler.setParameters(ps);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ParameterHandler handler(Configuration configuration, String id, Object parameter) {
    MappedStatement statement = configuration.getMappedStatement("parsedOnce." + id);
    BoundSql bound = statement.getBoundSql(parameter);
    return statement.getLang().createParameterHandler(statement, parameter, bound);
  }

  /** A statement that records each setter call: its name and arguments. */
  private static PreparedStatement recorder(List<String> calls) {
    return (PreparedStatement) Proxy.newProxyInstance(SharedPathParameterHandlerTest.class.getClassLoader(),
        new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
          if (method.getName().startsWith("set")) {
            calls.add(method.getName() + " " + String.join(" ", Arrays.stream(args).map(String::valueOf).toList()));
            return null;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }
}
