package dev.inkwell.users.internal;

import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import dev.inkwell.query.sql.SqlQuery;
import dev.inkwell.query.sql.IdBounds;
import dev.inkwell.query.sql.IdRange;
import dev.inkwell.query.sql.SqlWhere;
import dev.inkwell.query.Stats;
import dev.inkwell.users.UserChanges;

@Mapper
public interface UserMapper {

  UserRow selectById(@Param("id") int id);

  List<UserRow> selectAll(@Param("q") SqlQuery query);

  long countBy(@Param("where") SqlWhere where);

  /** {@code column} is a whitelisted expression from {@link UserFields}. */
  Stats selectStats(@Param("column") String column, @Param("where") SqlWhere where);

  UserRow insert(@Param("row") UserRow row);

  /** One INSERT for the whole batch, seven array parameters whatever its size; rows in no particular order. */
  List<UserRow> insertAll(@Param("batch") UserBatch batch);

  /** Upsert by email, reporting insert or update through {@code xmax}: only where {@link UpsertCreatedFlag} saw it work. */
  UserRow upsertReportingInsert(@Param("row") UserRow row);

  UserRow upsert(@Param("row") UserRow row);

  int updateWhere(@Param("changes") UserChanges changes, @Param("where") SqlWhere where, @Param("ids") IdRange ids);

  /** Writes every column of {@code row} if its updatedAt is still the stored one; null otherwise. */
  UserRow updateIfUnchanged(@Param("row") UserRow row);

  /** Atomic {@code age = age + 1}; null when there is no such user. */
  UserRow incrementAge(@Param("id") int id);

  int deleteWhere(@Param("where") SqlWhere where, @Param("ids") IdRange ids);

  IdBounds selectIdBounds(@Param("where") SqlWhere where, @Param("ids") IdRange ids);
}
