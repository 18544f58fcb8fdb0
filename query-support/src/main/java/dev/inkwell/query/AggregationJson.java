package dev.inkwell.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * An {@link Aggregation} from a JSON body
 * ({@code {"where", "groupBy": ["isActive", {"$dateTrunc": ["month", "createdAt"]}], "aggregates": {"n": {"$count": "*"}},
 * "having": {"n": {"$gt": 5}}, "order": [["n", "DESC"]], "limit": 10}}) or a query string
 * ({@code groupBy=authorId&count=*&order=-count}: each function under its own name).
 */
public final class AggregationJson {

  private static final List<String> KEYS = List.of("where", "groupBy", "aggregates", "having", "order", "limit");
  private static final List<String> FUNCTIONS = List.of("count", "countDistinct", "sum", "avg", "min", "max");

  private AggregationJson() {
  }

  public static Aggregation parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidQueryException("body", "an aggregation is a JSON object with groupBy and/or aggregates");
    }
    for (String key : body.propertyNames()) {
      if (!KEYS.contains(key)) {
        throw new InvalidQueryException(key, "unknown option '" + key + "'; allowed: " + String.join(", ", KEYS));
      }
    }
    List<Aggregation.GroupKey> groupBy = new ArrayList<>();
    for (JsonNode key : WhereJson.array(body, "groupBy")) {
      if (key.isString()) {
        groupBy.add(Aggregation.GroupKey.field(key.stringValue()));
      } else if (key.isObject() && key.size() == 1 && key.has("$dateTrunc") && key.get("$dateTrunc").isArray()
          && key.get("$dateTrunc").size() == 2 && key.get("$dateTrunc").get(0).isString() && key.get("$dateTrunc").get(1).isString()) {
        groupBy.add(Aggregation.GroupKey.dateTrunc(key.get("$dateTrunc").get(0).stringValue(), key.get("$dateTrunc").get(1).stringValue()));
      } else {
        throw new InvalidQueryException("groupBy", "groupBy items are field names or {\"$dateTrunc\": [\"month\", \"createdAt\"]}");
      }
    }
    Map<String, Aggregation.Function> aggregates = new LinkedHashMap<>();
    JsonNode functions = body.get("aggregates");
    if (functions != null && !functions.isNull()) {
      if (!functions.isObject()) {
        throw new InvalidQueryException("aggregates", "aggregates is an object: {\"alias\": {\"$count\": \"*\"}}");
      }
      for (Map.Entry<String, JsonNode> entry : functions.properties()) {
        JsonNode fn = entry.getValue();
        if (!fn.isObject() || fn.size() != 1 || !fn.properties().iterator().next().getValue().isString()) {
          throw new InvalidQueryException(entry.getKey(), "'" + entry.getKey() + "' must be one function of a field, like {\"$avg\": \"age\"}");
        }
        Map.Entry<String, JsonNode> call = fn.properties().iterator().next();
        aggregates.put(entry.getKey(), new Aggregation.Function(Aggregation.Fn.of(call.getKey()), call.getValue().stringValue()));
      }
    }
    Long limit = WhereJson.integer(body, "limit");
    return new Aggregation(WhereJson.parse(body.get("where")), groupBy, aggregates, WhereJson.parse(body.get("having")),
        WhereJson.order(body), limit == null ? null : limit.intValue());
  }

  /** The query-string form: {@code groupBy=a,b}, {@code count=*}, {@code sum=age}, ..., {@code order=-count}, {@code limit}, filters. */
  public static Aggregation parse(Map<String, List<String>> params) {
    Map<String, List<String>> filters = new LinkedHashMap<>(params);
    List<Aggregation.GroupKey> groupBy = new ArrayList<>();
    String groups = single(filters.remove("groupBy"), "groupBy");
    if (groups != null) {
      for (String field : groups.split(",")) {
        groupBy.add(Aggregation.GroupKey.field(field.trim()));
      }
    }
    Map<String, Aggregation.Function> aggregates = new LinkedHashMap<>();
    for (String fn : FUNCTIONS) {
      String field = single(filters.remove(fn), fn);
      if (field != null) {
        aggregates.put(fn, new Aggregation.Function(Aggregation.Fn.of(fn), field.trim()));
      }
    }
    List<Sort> order = Sort.parseList(single(filters.remove("order"), "order"));
    String limit = single(filters.remove("limit"), "limit");
    Integer limitValue;
    try {
      limitValue = limit == null ? null : NumberText.wholeNumber(limit);
    } catch (NumberFormatException e) {
      throw new InvalidQueryException("limit", "limit must be a whole number, got \"" + limit + "\"");
    }
    return new Aggregation(WhereQueryString.parse(filters, Set.of()), groupBy, aggregates, Where.ALL, order, limitValue);
  }

  private static String single(List<String> values, String name) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw new InvalidQueryException(name, "'" + name + "' may be given once");
    }
    return values.get(0);
  }
}
