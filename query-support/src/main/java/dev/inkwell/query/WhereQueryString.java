package dev.inkwell.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The query-string form of a filter: {@code age[$gte]=25&name[$iLike]=%25ali%25&isActive=true}.
 * A bare {@code name=Alice} means equals; conditions are ANDed. {@code $in}/{@code $notIn} take
 * repeated parameters or a comma list, {@code $between} {@code low,high}, {@code $is}/{@code $not}
 * the word {@code null}, {@code $contains} a JSON document. {@code $or} needs the JSON form.
 */
public final class WhereQueryString {

  /**
   * A field or a path ({@code metadata.a.b}) and an optional operator. The path's steps are checked
   * apart ({@link #steps}): a repeated group here recursed once per step, and a key of a few thousand
   * steps overflowed the request thread's stack.
   */
  private static final Pattern KEY = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)(?:\\[(\\$[A-Za-z]+)])?");

  private WhereQueryString() {
  }

  /** Every parameter not in {@code reserved} (order, fields, page, ...) is a condition. */
  public static Where parse(Map<String, List<String>> params, Set<String> reserved) {
    List<Where> conditions = new ArrayList<>();
    for (Map.Entry<String, List<String>> param : params.entrySet()) {
      if (reserved.contains(param.getKey())) {
        continue;
      }
      Matcher m = KEY.matcher(param.getKey());
      if (!m.matches() || !steps(m.group(1))) {
        throw new InvalidQueryException(param.getKey(), "malformed filter parameter '" + param.getKey()
            + "'; write field=value or field[$op]=value");
      }
      String field = m.group(1);
      Op op = m.group(2) == null ? Op.EQ : Op.ofJsonName(m.group(2));
      List<String> values = param.getValue();
      switch (op) {
        case IN, NOT_IN -> conditions.add(new Where.Condition(field, op, values.stream()
            .flatMap(v -> Arrays.stream(v.split(",", -1))).filter(v -> !v.isEmpty())
            .map(v -> (Object) new TextValue(v)).toList()));
        case BETWEEN, NOT_BETWEEN -> values.forEach(v -> conditions.add(new Where.Condition(field, op,
            Arrays.stream(v.split(",", -1)).map(b -> (Object) new TextValue(b)).toList())));
        case IS, NOT -> values.forEach(v -> conditions.add(new Where.Condition(field, op, switch (v) {
          case "null" -> null;
          case "true", "false" -> Boolean.valueOf(v); // a boolean field's IS [NOT] TRUE|FALSE
          default -> new TextValue(v); // refused by the compiler, which knows the field's type
        })));
        case CONTAINS -> values.forEach(v -> conditions.add(new Where.Condition(field, op, json(field, v))));
        case HAS_KEY -> values.forEach(v -> conditions.add(new Where.Condition(field, op, v)));
        default -> values.forEach(v -> conditions.add(new Where.Condition(field, op, new TextValue(v))));
      }
    }
    return conditions.size() == 1 ? conditions.get(0) : new Where.And(conditions);
  }

  /** No step of the path is empty ({@code a..b}, {@code a.}). */
  private static boolean steps(String path) {
    return !path.endsWith(".") && !path.contains("..");
  }

  private static Object json(String field, String text) {
    try {
      return JsonMapper.shared().readValue(text, Object.class);
    } catch (JacksonException e) {
      throw new InvalidQueryException(field, "$contains on '" + field + "' takes a JSON document");
    }
  }

  /** {@code fields=id,name}: the attribute list, empty when absent. */
  public static List<String> fields(String spec) {
    return spec == null || spec.isBlank() ? List.of()
        : Arrays.stream(spec.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
