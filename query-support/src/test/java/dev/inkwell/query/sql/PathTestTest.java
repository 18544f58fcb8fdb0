package dev.inkwell.query.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.ibatis.reflection.DefaultReflectorFactory;
import org.apache.ibatis.scripting.xmltags.DynamicContext;
import org.apache.ibatis.scripting.xmltags.ExpressionEvaluator;
import org.apache.ibatis.scripting.xmltags.OgnlCache;
import org.apache.ibatis.session.Configuration;
import org.junit.jupiter.api.Test;

/** Every test read without OGNL answers what MyBatis's OGNL evaluator answers, or fails where it fails. */
class PathTestTest {

  private static final List<String> EXPRESSIONS = List.of(
      "tags", "flag", "zero", "half", "name", "empty", "missing", "list", "meta",
      "age != null", "age == null", "row.age != null", "row.age == null", "row.active", "row.count",
      "op == 'GT'", "op != 'GT'", "op == 'LT'", "row.op == 'GT'", "row.op != 'SOME'", "kind == 'GT'",
      "meta.k", "meta.k != null", "meta.size", "meta.isEmpty", "row.inner.op == 'EQ'", "row.inner.age",
      "row.missing != null", "list.size", "nothing.age != null", "_parameter != null", "_parameter.op == 'GT'",
      "list.isEmpty()", "!list.isEmpty()", "empty.isEmpty()", "!meta.isEmpty()", "name.isEmpty()", "!row.isEmpty()",
      "row.inner.isEmpty()", "tags.isEmpty()", "nothing.isEmpty()", "kind.isEmpty()",
      // Not of the direct forms: OGNL evaluates them.
      "op == 'G'", "op == \"GT\"", "list.size() > 1", "tags and flag", "true", "null", "!tags", "row.op.length() == 2");

  private final Configuration configuration = new Configuration();
  private final DefaultReflectorFactory reflectors = new DefaultReflectorFactory();

  @Test
  void eachFormAnswersWhatOgnlAnswersForMapsBeansAndNull() {
    Map<String, Object> params = parameters();
    Object row = params.get("row");
    Object meta = params.get("meta");
    int compared = 0;
    for (Object parameter : new Object[] {params, row, null, "GT", meta}) {
      for (String expression : EXPRESSIONS) {
        assertThat(direct(expression, parameter)).as(expression + " on " + parameter).isEqualTo(ognl(expression, parameter));
        compared++;
      }
    }
    assertThat(compared).isEqualTo(5 * EXPRESSIONS.size());
  }

  private static Map<String, Object> parameters() {
    Row inner = new Row(7, null, 0, "EQ", null);
    Row row = new Row(null, true, 3, "GT", inner);
    Map<String, Object> meta = new HashMap<>(Map.of("k", "v"));
    Map<String, Object> params = new HashMap<>();
    params.put("tags", true);
    params.put("flag", Boolean.FALSE);
    params.put("zero", 0);
    params.put("half", 0.5);
    params.put("name", "");
    params.put("empty", new ArrayList<>());
    params.put("list", List.of(1, 2));
    params.put("meta", meta);
    params.put("age", null);
    params.put("row", row);
    params.put("op", "GT");
    params.put("kind", Kind.GT);
    params.put("nothing", null);
    return params;
  }

  /** Paths as values ({@code ${...}}, a {@code <foreach>}'s collection): each reads what OGNL reads. */
  private static final List<String> VALUES = List.of(
      "tags", "flag", "zero", "name", "empty", "missing", "list", "meta", "age", "op", "kind", "nothing",
      "row", "row.age", "row.active", "row.count", "row.op", "row.inner", "row.inner.op", "row.inner.inner",
      "row.missing", "meta.k", "meta.size", "meta.isEmpty", "list.size", "nothing.age", "_parameter", "_parameter.op",
      "sort", "sort.column", "sort.direction", "sort.terms", "sort.column.length", "value", " row.op ", "row.op.bytes",
      // Not plain paths: OGNL evaluates them.
      "sort.column()", "list[0]", "list.size()", "'x'", "null", "tags and flag", "row.op + 'x'");

  @Test
  void eachPathReadsTheValueOgnlReadsForMapsBeansRecordsAndNull() {
    Map<String, Object> params = parameters();
    params.put("sort", new Sort("u.age", Kind.GT, List.of(1, 2)));
    int compared = 0;
    for (Object parameter : new Object[] {params, params.get("row"), null, "GT", params.get("meta"), params.get("sort")}) {
      for (String expression : VALUES) {
        assertThat(value(expression, parameter)).as(expression + " on " + parameter).isEqualTo(ognlValue(expression, parameter));
        compared++;
      }
    }
    assertThat(compared).isEqualTo(6 * VALUES.size());
    // What the mappers substitute and loop over is read directly.
    Map<String, Object> bindings = bindings(params);
    for (String path : List.of("sort.column", "sort.direction", "sort.terms", "row.inner.op", "meta.k", "list")) {
      assertThat(PathTest.of(path, reflectors).pathValue(bindings)).as(path).isNotSameAs(PathTest.UNREAD);
    }
    for (String path : List.of("sort.column()", "meta.size", "list.size", "nothing.age", "row.age != null")) {
      assertThat(PathTest.of(path, reflectors).pathValue(bindings)).as(path).isSameAs(PathTest.UNREAD);
    }
  }

  @Test
  void theFormsTheMappersUseAreReadDirectlyAndTheRestByOgnl() {
    for (String expression : List.of("tags", "row.age != null", "row.age == null", "t.op == 'GT'", "t.op != 'SOME'",
        "s.metric == 'cosine'", " efSearch != null ",
        "!posts.isEmpty()", "versions.isEmpty()", "! a.b.isEmpty()")) {
      assertThat(PathTest.of(expression, reflectors).direct()).as(expression).isTrue();
    }
    for (String expression : List.of("op == 'G'", "a.isEmpty() == true", "tags and flag", "null", "true", "!tags",
        "!a.isEmpty() and !b.isEmpty()", "!a.b",
        "changes.present.contains('name')", "f.fn == 'COUNT' and f.column == null", "a == 'it''s'", "a.b.")) {
      assertThat(PathTest.of(expression, reflectors).direct()).as(expression).isFalse();
    }
  }

  private Object direct(String expression, Object parameter) {
    return outcome(() -> PathTest.of(expression, reflectors).evaluate(bindings(parameter)));
  }

  private Object ognl(String expression, Object parameter) {
    return outcome(() -> ExpressionEvaluator.INSTANCE.evaluateBoolean(expression, bindings(parameter)));
  }

  private Object value(String expression, Object parameter) {
    return outcome(() -> PathTest.of(expression, reflectors).value(bindings(parameter)));
  }

  private Object ognlValue(String expression, Object parameter) {
    return outcome(() -> OgnlCache.getValue(expression, bindings(parameter)));
  }

  /** The answer, or the failure's kind. */
  private static Object outcome(Supplier<Object> answer) {
    try {
      return answer.get();
    } catch (RuntimeException e) {
      return e.getClass();
    }
  }

  private Map<String, Object> bindings(Object parameter) {
    return new DynamicContext(configuration, parameter).getBindings();
  }

  enum Kind { GT }

  /** A record as the query support's are ({@code SqlSort}, {@code SqlQuery}): accessors, no getters. */
  public record Sort(String column, Kind direction, List<Integer> terms) {
  }

  /** A bean as the modules pass them: getters, nested, an {@code isEmpty()} like {@code Where}'s. */
  public static final class Row {
    private final Integer age;
    private final Boolean active;
    private final int count;
    private final String op;
    private final Row inner;

    Row(Integer age, Boolean active, int count, String op, Row inner) {
      this.age = age;
      this.active = active;
      this.count = count;
      this.op = op;
      this.inner = inner;
    }

    public Integer getAge() {
      return age;
    }

    public Boolean getActive() {
      return active;
    }

    public int getCount() {
      return count;
    }

    public String getOp() {
      return op;
    }

    public Row getInner() {
      return inner;
    }

    public boolean isEmpty() {
      return count == 0;
    }

    @Override
    public String toString() {
      return "Row";
    }
  }
}
