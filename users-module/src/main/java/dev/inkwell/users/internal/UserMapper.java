package dev.inkwell.users.internal;

import java.util.List;
import java.util.Map;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import dev.inkwell.query.Stats;
import dev.inkwell.query.sql.IdBounds;
import dev.inkwell.query.sql.SqlAggregation;
import dev.inkwell.query.sql.SqlQuery;
import dev.inkwell.query.sql.SqlWhere;
import dev.inkwell.users.User;
import dev.inkwell.users.UserChanges;

/** Statements of {@code UserMapper.xml}: reads return the API record, writes take a {@link UserRow}. */
@Mapper
public interface UserMapper {

  User selectById(@Param("id") int id);

  List<User> selectByQuery(@Param("q") SqlQuery query);

  /** The count of {@link #selectByQuery}'s rows: PageHelper's count for a page, and {@code UserService.count}. */
  long selectByQuery_COUNT(@Param("q") SqlQuery query);

  /** {@code column} is a whitelisted expression from {@link dev.inkwell.users.UserFields}. */
  /** {@code EXPLAIN (FORMAT JSON)} of {@link #selectByQuery_COUNT}'s FROM and WHERE. */
  String selectByQuery_PLAN(@Param("q") SqlQuery query);

  /** Rows keyed by the aggregation's labels (SqlAggregation#rows names them). */
  List<Map<String, Object>> selectAggregate(@Param("a") SqlAggregation aggregation);

  Stats selectStats(@Param("column") String column, @Param("where") SqlWhere where);

  User insert(@Param("row") UserRow row);

  /** One INSERT for the whole batch, seven array parameters whatever its size; rows in no particular order. */
  List<User> insertAll(@Param("batch") UserBatch batch);

  /** Upsert by email, reporting insert or update through {@code xmax}: only where {@link UpsertCreatedFlag} saw it work. */
  UpsertedRow upsertReportingInsert(@Param("row") UserRow row);

  /** {@code merge}: DO UPDATE, else DO NOTHING; {@code flag}: report created through xmax (else null). */
  List<UpsertedKey> upsertAll(@Param("batch") UserBatch batch, @Param("merge") boolean merge, @Param("flag") boolean flag);

  User upsert(@Param("row") UserRow row);

  /** {@code where} may be narrowed to an id range (ChunkedWrite). */
  int updateByQuery(@Param("changes") UserChanges changes, @Param("where") SqlWhere where);

  /** Writes every column of {@code row} if its updatedAt is still the stored one; null otherwise. */
  User updateIfUnchanged(@Param("row") UserRow row);

  /** Atomic {@code age = age + 1}; null when there is no such user. */
  User incrementAge(@Param("id") int id);

  int deleteByQuery(@Param("where") SqlWhere where);

  IdBounds selectIdBounds(@Param("where") SqlWhere where);
}
