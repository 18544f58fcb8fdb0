package dev.inkwell.query.sql;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.Values;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keyset ("seek") pagination over a compiled order: the cursor of a row, and the condition that
 * selects the rows after (or before) a cursor's position.
 *
 * <p>A cursor is {@code base64url(JSON array of the row's order values) "." base64url(digest)}. The
 * digest covers the values and the list it belongs to (entity, order, filter, include), so a cursor
 * used with another order or filter, or edited, is refused. It is a checksum, not a secret: the values
 * are the row's own, which the client has already seen, and any position it could forge stays inside
 * the same filter.
 */
public final class Keyset {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final Map<Class<?>, Map<String, Method>> ACCESSORS = new ConcurrentHashMap<>();

  private Keyset() {
  }

  /** What a cursor is bound to: the entity, its order, filter and anything else that selects rows. */
  public static String context(String entity, SqlQuery query, String extra) {
    StringBuilder text = new StringBuilder(entity).append('\n');
    query.order().forEach(s -> text.append(s.column()).append(' ').append(s.direction()).append(' ').append(s.nulls()).append(','));
    return text.append('\n').append(query.where().canonical()).append('\n').append(extra).toString();
  }

  /** The cursor naming {@code row}'s position in {@code order}. */
  public static String cursor(String context, List<SqlSort> order, Object row) {
    List<Object> values = new ArrayList<>(order.size());
    for (SqlSort sort : order) {
      Object value = valueOf(row, sort.field());
      values.add(value instanceof OffsetDateTime t ? t.toString() : value);
    }
    return encode(context, values);
  }

  private static String encode(String context, List<Object> values) {
    byte[] payload = JsonMapper.shared().writeValueAsBytes(values);
    return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(digest(context, payload));
  }

  /**
   * The cursor just after the row with id {@code id}, for a list ordered by id alone (either way): an
   * export resumed after the last id it wrote.
   */
  static String afterId(String context, List<SqlSort> order, int id) {
    if (order.size() != 1 || !order.get(0).field().equals("id")) {
      throw new InvalidQueryException("after", "resuming after an id needs the order by id alone (order=id or order=-id)");
    }
    return encode(context, List.of(id));
  }

  /**
   * The rows strictly after the cursor's position in {@code order} (for a backwards request pass the
   * {@link #reverse reversed} order): a row comparison where every key goes one way and the cursor
   * holds no NULL, which PostgreSQL serves from a matching index as one range; otherwise the expanded
   * form {@code k1 > v1 OR (k1 = v1 AND k2 > v2) ...}, with NULLs placed as the order places them.
   */
  static List<SqlTerm> seek(List<SqlSort> order, List<Object> values) {
    List<SqlTerm> terms = new ArrayList<>();
    boolean oneWay = order.stream().allMatch(s -> s.ascending() == order.get(0).ascending());
    boolean noNulls = values.stream().allMatch(v -> v != null);
    terms.add(SqlTerm.OPEN);
    if (oneWay && noNulls) {
      terms.add(SqlTerm.row(order.stream().map(SqlSort::column).toList(), order.get(0).ascending() ? "GT" : "LT", values));
      // Rows whose key is NULL where NULLs come last are after every non-NULL value at that key.
      for (int i = 0; i < order.size(); i++) {
        if (nullable(order.get(i)) && order.get(i).nullsLast()) {
          terms.add(SqlTerm.OR);
          prefixEqual(terms, order, values, i);
          terms.add(isNull(order.get(i), true));
          terms.add(SqlTerm.CLOSE);
        }
      }
    } else {
      boolean first = true;
      for (int i = 0; i < order.size(); i++) {
        SqlSort key = order.get(i);
        Object value = values.get(i);
        if (value == null && key.nullsLast()) {
          continue; // nothing is after NULL at this key when NULLs come last
        }
        if (!first) {
          terms.add(SqlTerm.OR);
        }
        first = false;
        prefixEqual(terms, order, values, i);
        if (value == null) {
          terms.add(isNull(key, false));
        } else {
          terms.add(SqlTerm.OPEN);
          terms.add(SqlTerm.condition(key.column(), null, key.ascending() ? "GT" : "LT", value, List.of()));
          if (nullable(key) && key.nullsLast()) {
            terms.add(SqlTerm.OR);
            terms.add(isNull(key, true));
          }
          terms.add(SqlTerm.CLOSE);
        }
        terms.add(SqlTerm.CLOSE);
      }
      if (first) {
        terms.add(SqlTerm.FALSE);
      }
    }
    terms.add(SqlTerm.CLOSE);
    return terms;
  }

  /** Opens a group and adds {@code k_j = v_j AND} for every key before {@code i}. */
  private static void prefixEqual(List<SqlTerm> terms, List<SqlSort> order, List<Object> values, int i) {
    terms.add(SqlTerm.OPEN);
    for (int j = 0; j < i; j++) {
      Object value = values.get(j);
      terms.add(value == null ? isNull(order.get(j), true)
          : SqlTerm.condition(order.get(j).column(), null, "EQ", value, List.of()));
      terms.add(SqlTerm.AND);
    }
  }

  /** Every entity's id is its primary key: never NULL, and saying so keeps its index range plain. */
  private static boolean nullable(SqlSort key) {
    return !key.field().equals("id");
  }

  private static SqlTerm isNull(SqlSort key, boolean isNull) {
    return SqlTerm.condition(key.column(), null, isNull ? "IS_NULL" : "IS_NOT_NULL", null, List.of());
  }

  static List<SqlSort> reverse(List<SqlSort> order) {
    return order.stream().map(SqlSort::reversed).toList();
  }

  /** The order values a cursor carries, checked against its digest and converted to the keys' types. */
  static List<Object> decode(String param, String cursor, String context, List<SqlSort> order) {
    int dot = cursor.indexOf('.');
    try {
      if (dot < 0) {
        throw new IllegalArgumentException();
      }
      byte[] payload = DECODER.decode(cursor.substring(0, dot));
      byte[] digest = DECODER.decode(cursor.substring(dot + 1));
      if (!MessageDigest.isEqual(digest, digest(context, payload))) {
        throw new InvalidQueryException(param, "the cursor does not belong to this list (another order, filter or"
            + " include), or was altered; start again without '" + param + "'");
      }
      List<?> raw = JsonMapper.shared().readValue(payload, List.class);
      if (raw.size() != order.size()) {
        throw new IllegalArgumentException();
      }
      List<Object> values = new ArrayList<>(raw.size());
      for (int i = 0; i < raw.size(); i++) {
        values.add(raw.get(i) == null ? null : Values.coerce(param, order.get(i).type(), raw.get(i)));
      }
      return values;
    } catch (IllegalArgumentException | JacksonException e) {
      if (e instanceof InvalidQueryException invalid) {
        throw invalid;
      }
      throw new InvalidQueryException(param, "malformed cursor in '" + param + "'");
    }
  }

  private static byte[] digest(String context, byte[] payload) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(context.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      return Arrays.copyOf(sha.digest(payload), 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A field's value on a row: a record component or a JavaBean getter of that name. */
  private static Object valueOf(Object row, String field) {
    Method accessor = ACCESSORS.computeIfAbsent(row.getClass(), Keyset::accessors).get(field);
    if (accessor == null) {
      throw new IllegalStateException(row.getClass().getName() + " has no accessor for the order field '" + field + "'");
    }
    try {
      return accessor.invoke(row);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Method> accessors(Class<?> type) {
    Map<String, Method> accessors = new ConcurrentHashMap<>();
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        accessors.put(component.getName(), component.getAccessor());
      }
      return accessors;
    }
    for (Method method : type.getMethods()) {
      String name = method.getName();
      if (method.getParameterCount() == 0 && name.startsWith("get") && name.length() > 3) {
        accessors.put(Character.toLowerCase(name.charAt(3)) + name.substring(4), method);
      }
    }
    return accessors;
  }
}
