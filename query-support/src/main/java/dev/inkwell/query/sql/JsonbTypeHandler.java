package dev.inkwell.query.sql;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;

import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.postgresql.util.PGobject;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSONB column as a JSON object tree ({@code Map<String, Object>}: nested maps, lists, strings,
 * numbers, booleans). Named explicitly in the statements that need it, not registered for every Map.
 */
public class JsonbTypeHandler extends BaseTypeHandler<Map<String, Object>> {

  private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {
  };

  public JsonbTypeHandler() {
  }

  /**
   * For a statement's inline {@code #{..., typeHandler=JsonbTypeHandler}}: in dynamic SQL MyBatis builds the
   * handler on every execution, trying this constructor first; without it each execution threw and
   * caught a NoSuchMethodException (a fifth of a KNN search's CPU, docs/benchmarks.md).
   */
  public JsonbTypeHandler(Class<?> javaType) {
  }

  /**
   * A null is bound as a jsonb NULL, not an untyped one: a parameter of unknown type makes pgjdbc
   * describe the statement, and from then on it sends a Sync of its own and waits before every
   * execution whose result has text columns (an INSERT ... RETURNING): one more round trip each time
   * (RoundTripsTest, docs/benchmarks.md).
   */
  @Override
  public void setParameter(PreparedStatement ps, int i, Map<String, Object> value, JdbcType jdbcType) throws SQLException {
    if (value == null) {
      ps.setNull(i, Types.OTHER, "jsonb");
    } else {
      super.setParameter(ps, i, value, jdbcType);
    }
  }

  @Override
  public void setNonNullParameter(PreparedStatement ps, int i, Map<String, Object> value, JdbcType jdbcType)
      throws SQLException {
    PGobject json = new PGobject();
    json.setType("jsonb");
    json.setValue(JsonMapper.shared().writeValueAsString(value));
    ps.setObject(i, json);
  }

  @Override
  public Map<String, Object> getNullableResult(ResultSet rs, String columnName) throws SQLException {
    return parse(rs.getString(columnName));
  }

  @Override
  public Map<String, Object> getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
    return parse(rs.getString(columnIndex));
  }

  @Override
  public Map<String, Object> getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
    return parse(cs.getString(columnIndex));
  }

  private static Map<String, Object> parse(String json) {
    return json == null ? null : JsonMapper.shared().readValue(json, TREE);
  }
}
