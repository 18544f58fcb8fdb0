package dev.inkwell.query.sql;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.ibatis.reflection.Reflector;
import org.apache.ibatis.reflection.ReflectorFactory;
import org.apache.ibatis.reflection.invoker.MethodInvoker;
import org.apache.ibatis.scripting.xmltags.DynamicContext;
import org.apache.ibatis.scripting.xmltags.ExpressionEvaluator;
import org.apache.ibatis.scripting.xmltags.OgnlCache;

/**
 * A tag's {@code test} of the forms the mappers use on every call, {@code a.b}, {@code a.b != null},
 * {@code a.b == null}, {@code a.b == 'TEXT'}, {@code a.b != 'TEXT'}, {@code a.b.isEmpty()} and
 * {@code !a.b.isEmpty()}, evaluated by reading the path directly, as OGNL reads it; any other
 * expression, or a value of which OGNL's reading could differ (a map's {@code size}, a collection, an
 * array, a non-string compared with a literal, a null on the way, a failure), is left to MyBatis's
 * OGNL evaluator.
 *
 * <p>Why: MyBatis evaluates every test through OGNL, with a new OGNL context and reflective look-ups
 * per expression and call: 7.3 % of a user create's CPU samples and 8.7 % of a load of a user with
 * posts and tags (docs/benchmarks.md). {@code PathTestTest} checks each form against OGNL's answer.
 */
final class PathTest {

  private static final Pattern FORM = Pattern.compile(
      "\\s*(!\\s*)?([A-Za-z_$][A-Za-z0-9_$]*(?:\\.[A-Za-z_$][A-Za-z0-9_$]*)*)(\\.isEmpty\\(\\))?\\s*"
          + "(?:(==|!=)\\s*(null|'[^'\\\\]{2,}'))?\\s*");

  /** A class's public {@code boolean isEmpty()}, if it has one. */
  private static final ClassValue<Method> IS_EMPTY = new ClassValue<>() {
    @Override
    protected Method computeValue(Class<?> type) {
      try {
        Method method = type.getMethod("isEmpty");
        return method.getReturnType() == boolean.class ? method : null;
      } catch (NoSuchMethodException e) {
        return null;
      }
    }
  };

  /** OGNL's keywords and literals, which are not property names there. */
  private static final Set<String> KEYWORDS = Set.of("null", "true", "false", "and", "or", "not", "eq", "neq",
      "lt", "lte", "gt", "gte", "in", "instanceof", "shl", "shr", "ushr", "band", "bor", "xor", "new");

  /** Names OGNL reads from a map as the map's own properties, not as keys. */
  private static final Set<String> MAP_PROPERTIES = Set.of("size", "keys", "keySet", "values", "isEmpty");

  /** What {@link #pathValue} returns where OGNL is to read the expression. */
  static final Object UNREAD = new Object();

  private enum Comparison { TRUTH, IS_NULL, NOT_NULL, EQUALS, NOT_EQUALS, EMPTY, NOT_EMPTY }

  private final String expression;
  private final String[] path;
  private final Comparison comparison;
  private final String literal;
  private final ReflectorFactory reflectors;

  private PathTest(String expression, String[] path, Comparison comparison, String literal, ReflectorFactory reflectors) {
    this.expression = expression;
    this.path = path;
    this.comparison = comparison;
    this.literal = literal;
    this.reflectors = reflectors;
  }

  /** The test, read directly where its form allows, else through OGNL. */
  static PathTest of(String expression, ReflectorFactory reflectors) {
    Matcher form = FORM.matcher(expression == null ? "" : expression);
    if (!form.matches()) {
      return new PathTest(expression, null, null, null, reflectors);
    }
    boolean not = form.group(1) != null;
    boolean isEmpty = form.group(3) != null;
    String operator = form.group(4);
    String operand = form.group(5);
    String[] path = form.group(2).split("\\.");
    // "!" only before isEmpty() (a Boolean), which is compared with nothing.
    if (not && !isEmpty || isEmpty && operator != null || Arrays.stream(path).anyMatch(KEYWORDS::contains)) {
      return new PathTest(expression, null, null, null, reflectors);
    }
    Comparison comparison;
    if (isEmpty) {
      comparison = not ? Comparison.NOT_EMPTY : Comparison.EMPTY;
    } else if (operator == null) {
      comparison = Comparison.TRUTH;
    } else if (operand.equals("null")) {
      comparison = operator.equals("==") ? Comparison.IS_NULL : Comparison.NOT_NULL;
    } else {
      comparison = operator.equals("==") ? Comparison.EQUALS : Comparison.NOT_EQUALS;
    }
    String literal = operand == null || operand.equals("null") ? null : operand.substring(1, operand.length() - 1);
    return new PathTest(expression, path, comparison, literal, reflectors);
  }

  boolean direct() {
    return path != null;
  }

  /** What MyBatis's {@link ExpressionEvaluator#evaluateBoolean} answers for these bindings. */
  boolean evaluate(Map<String, Object> bindings) {
    if (path != null) {
      Object value = read(bindings);
      Boolean answer = value == UNREAD ? null : compare(value);
      if (answer != null) {
        return answer;
      }
    }
    return ExpressionEvaluator.INSTANCE.evaluateBoolean(expression, bindings);
  }

  /** A plain path's value as OGNL reads it; {@link #UNREAD} for any other expression or where OGNL might read otherwise. */
  Object pathValue(Map<String, Object> bindings) {
    return comparison == Comparison.TRUTH ? read(bindings) : UNREAD;
  }

  /** What MyBatis's {@link OgnlCache#getValue} returns for these bindings (a {@code ${...}}'s value). */
  Object value(Map<String, Object> bindings) {
    Object value = pathValue(bindings);
    return value != UNREAD ? value : OgnlCache.getValue(expression, bindings);
  }

  /** The path's value, as OGNL reads it; {@link #UNREAD} where OGNL might read it otherwise, or fail. */
  private Object read(Map<String, Object> bindings) {
    try {
      // The first name as MyBatis's ContextAccessor reads it from the bindings.
      Object current = bindings.get(path[0]);
      if (current == null && !bindings.containsKey(path[0])) {
        Object parameter = bindings.get(DynamicContext.PARAMETER_OBJECT_KEY);
        current = parameter instanceof Map<?, ?> map ? map.get(path[0]) : null;
      }
      for (int i = 1; i < path.length; i++) {
        if (current == null || current instanceof Iterable<?> || current.getClass().isArray()) {
          return UNREAD;
        }
        if (current instanceof Map<?, ?> map) {
          if (MAP_PROPERTIES.contains(path[i])) {
            return UNREAD;
          }
          current = map.get(path[i]);
          continue;
        }
        Reflector reflector = reflectors.findForClass(current.getClass());
        if (!reflector.hasGetter(path[i]) || !(reflector.getGetInvoker(path[i]) instanceof MethodInvoker getter)) {
          return UNREAD;
        }
        current = getter.invoke(current, null);
      }
      return current;
    } catch (ReflectiveOperationException | RuntimeException e) {
      // OGNL reports it, in its own words.
      return UNREAD;
    }
  }

  /** The answer for this value, or null where OGNL's comparison is not a plain one. */
  private Boolean compare(Object value) {
    switch (comparison) {
      case IS_NULL:
        return value == null;
      case NOT_NULL:
        return value != null;
      case EMPTY:
      case NOT_EMPTY:
        Boolean empty = isEmpty(value);
        return empty == null ? null : empty == (comparison == Comparison.EMPTY);
      case EQUALS:
      case NOT_EQUALS:
        if (value != null && !(value instanceof String)) {
          return null;
        }
        return literal.equals(value) == (comparison == Comparison.EQUALS);
      default:
        // MyBatis's own reading of a test's value.
        if (value instanceof Boolean b) {
          return b;
        }
        if (value instanceof Number) {
          return new BigDecimal(String.valueOf(value)).compareTo(BigDecimal.ZERO) != 0;
        }
        return value != null;
    }
  }

  /** What OGNL's call of {@code isEmpty()} returns, or null where it might do otherwise. */
  private static Boolean isEmpty(Object value) {
    if (value instanceof Collection<?> values) {
      return values.isEmpty();
    }
    if (value instanceof Map<?, ?> map) {
      return map.isEmpty();
    }
    Method method = value == null ? null : IS_EMPTY.get(value.getClass());
    if (method == null) {
      return null;
    }
    try {
      return (Boolean) method.invoke(value);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return expression;
  }
}
