package dev.inkwell.vectors.internal;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;

import com.pgvector.PGvector;

/**
 * pgvector's {@code vector} as {@code float[]}, through pgvector's own Java type: values travel as
 * typed parameters, never as SQL text built in Java. Statements name this handler explicitly.
 */
public class VectorTypeHandler extends BaseTypeHandler<float[]> {

  public VectorTypeHandler() {
  }

  /**
   * For a statement's inline {@code #{..., typeHandler=VectorTypeHandler}}: in dynamic SQL MyBatis builds the
   * handler on every execution, trying this constructor first; without it each execution threw and
   * caught a NoSuchMethodException (a fifth of a KNN search's CPU, docs/benchmarks.md).
   */
  public VectorTypeHandler(Class<?> javaType) {
  }

  @Override
  public void setNonNullParameter(PreparedStatement ps, int i, float[] vector, JdbcType jdbcType) throws SQLException {
    ps.setObject(i, new PGvector(vector));
  }

  @Override
  public float[] getNullableResult(ResultSet rs, String columnName) throws SQLException {
    return parse(rs.getString(columnName));
  }

  @Override
  public float[] getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
    return parse(rs.getString(columnIndex));
  }

  @Override
  public float[] getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
    return parse(cs.getString(columnIndex));
  }

  private static float[] parse(String text) throws SQLException {
    return text == null ? null : new PGvector(text).toArray();
  }
}
