package dev.inkwell.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of a filter and of {@code findAll} options, mirroring Sequelize's with operators
 * written as {@code $}-prefixed keys:
 *
 * <pre>
 * {"age": {"$gte": 25}, "name": {"$iLike": "%ali%"}}           conditions on one object are ANDed
 * {"name": "Alice"}  {"bio": null}  {"id": [1, 2]}               $eq, $is null, $in
 * {"$or": [{...}, {"$and": [{...}, {...}]}]}  {"$not": {...}}
 * {"bio": {"$not": null}}                                      IS NOT NULL
 * {"metadata": {"$contains": {"role": "admin"}}}  {"metadata.role": "admin"}  {"metadata": {"$hasKey": "role"}}
 * {"posts": {"$some": {...}}}  {"posts": {"$none": {...}}}  {"posts": {"$every": {...}}}  {"author": {...}}
 * </pre>
 *
 * Field names are checked later, against the entity's {@link dev.inkwell.query.sql.FieldSet}; this class checks the shape.
 */
public final class WhereJson {

  private WhereJson() {
  }

  public static Where parse(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return Where.ALL;
    }
    if (!node.isObject()) {
      throw new InvalidQueryException("where", "a where must be a JSON object, got " + node.getNodeType().name().toLowerCase());
    }
    List<Where> parts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      parts.add(entry(entry.getKey(), entry.getValue()));
    }
    return parts.size() == 1 ? parts.get(0) : new Where.And(parts);
  }

  private static Where entry(String key, JsonNode value) {
    switch (key) {
      case "$and":
        return new Where.And(list(key, value));
      case "$or":
        return new Where.Or(list(key, value));
      case "$not":
        return new Where.Not(parse(value));
      default:
        break;
    }
    if (key.startsWith("$")) {
      throw new InvalidQueryException(key, "unknown logical operator '" + key + "'; allowed: $and, $or, $not, or a field name");
    }
    if (value.isObject() && value.size() > 0 && value.propertyNames().stream().noneMatch(k -> k.startsWith("$"))) {
      return new Where.Related(key, Where.Quantifier.SOME, parse(value)); // a to-one association's row
    }
    if (value.isObject() && value.propertyNames().stream().anyMatch(WhereJson::isQuantifier)) {
      List<Where> related = new ArrayList<>();
      for (Map.Entry<String, JsonNode> q : value.properties()) {
        if (!isQuantifier(q.getKey())) {
          throw new InvalidQueryException(key, "'" + key + "': $some, $none and $every cannot be mixed with " + q.getKey());
        }
        related.add(new Where.Related(key, Where.Quantifier.valueOf(q.getKey().substring(1).toUpperCase(Locale.ROOT)),
            parse(q.getValue())));
      }
      return related.size() == 1 ? related.get(0) : new Where.And(related);
    }
    if (value.isObject()) {
      List<Where> conditions = new ArrayList<>();
      for (Map.Entry<String, JsonNode> op : value.properties()) {
        if (!op.getKey().startsWith("$")) {
          throw new InvalidQueryException(key, "'" + key + "': operators start with $; allowed: " + Op.allNames());
        }
        conditions.add(new Where.Condition(key, Op.ofJsonName(op.getKey()), toJava(op.getValue())));
      }
      if (conditions.isEmpty()) {
        throw new InvalidQueryException(key, "'" + key + "': no operator given");
      }
      return conditions.size() == 1 ? conditions.get(0) : new Where.And(conditions);
    }
    if (value.isArray()) {
      return new Where.Condition(key, Op.IN, toJava(value));
    }
    return new Where.Condition(key, Op.EQ, toJava(value));
  }

  private static boolean isQuantifier(String key) {
    return key.equals("$some") || key.equals("$none") || key.equals("$every");
  }

  private static List<Where> list(String key, JsonNode value) {
    if (!value.isArray()) {
      throw new InvalidQueryException(key, key + " takes a list of where objects");
    }
    List<Where> parts = new ArrayList<>();
    for (JsonNode item : value) {
      parts.add(parse(item));
    }
    return parts;
  }

  /** JSON scalars as Java values (integers as Integer/Long/BigInteger, decimals as BigDecimal), trees as maps and lists. */
  static Object toJava(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToInt() ? (Object) node.intValue()
          : node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      // A literal beyond a double's range (1e400) is read as an infinity, which has no decimal: the
      // infinity itself goes on, for the field's type to refuse.
      return Double.isFinite(node.doubleValue()) ? node.decimalValue() : (Object) node.doubleValue();
    }
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isArray()) {
      List<Object> items = new ArrayList<>();
      node.forEach(item -> items.add(toJava(item)));
      return items;
    }
    return JsonMapper.shared().treeToValue(node, Map.class);
  }

  /**
   * Sequelize's findAll options: {@code {"where": {...}, "attributes": ["id","name"],
   * "order": [["age","DESC"]], "limit": 10, "offset": 0}}. An order item may also be a field name
   * ({@code "name"}) or {@code "-age"}.
   */
  public static FindOptions findOptions(JsonNode body) {
    if (body == null || body.isNull() || body.isMissingNode()) {
      return FindOptions.all();
    }
    if (!body.isObject()) {
      throw new InvalidQueryException("body", "search options must be a JSON object");
    }
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      if (!List.of("where", "attributes", "order", "limit", "offset").contains(e.getKey())) {
        throw new InvalidQueryException(e.getKey(), "unknown option '" + e.getKey()
            + "'; allowed: where, attributes, order, limit, offset");
      }
    }
    List<String> attributes = new ArrayList<>();
    for (JsonNode a : array(body, "attributes")) {
      if (!a.isString()) {
        throw new InvalidQueryException("attributes", "attributes must be field names");
      }
      attributes.add(a.stringValue());
    }
    return new FindOptions(parse(body.get("where")), attributes, order(body),
        integer(body, "limit") == null ? null : integer(body, "limit").intValue(), integer(body, "offset"));
  }

  /** {@code "order"}: {@code [["age", "DESC"], "name", "-id"]}. */
  static List<Sort> order(JsonNode body) {
    List<Sort> order = new ArrayList<>();
    for (JsonNode o : array(body, "order")) {
      if (o.isString()) {
        order.addAll(Sort.parseList(o.stringValue()));
      } else if (o.isArray() && o.size() >= 1 && o.size() <= 2 && o.get(0).isString()
          && (o.size() == 1 || o.get(1).isString())) {
        order.add(Sort.of(o.get(0).stringValue(), o.size() == 2 ? o.get(1).stringValue() : "ASC"));
      } else {
        throw new InvalidQueryException("order", "order items are [\"field\", \"ASC|DESC\"] pairs or field names");
      }
    }
    return order;
  }

  static Iterable<JsonNode> array(JsonNode body, String name) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new InvalidQueryException(name, name + " must be a list");
    }
    return node;
  }

  static Long integer(JsonNode body, String name) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw new InvalidQueryException(name, name + " must be a whole number");
    }
    return node.longValue();
  }
}
