package dev.inkwell.tags.internal;

import java.util.Collection;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import dev.inkwell.query.sql.SqlQuery;
import dev.inkwell.query.sql.IdBounds;
import dev.inkwell.query.sql.IdRange;
import dev.inkwell.query.sql.SqlWhere;
import dev.inkwell.tags.Tag;

@Mapper
public interface TagMapper {

  Tag selectById(@Param("id") int id);

  List<Tag> selectByIds(@Param("ids") Collection<Integer> ids);

  List<Tag> selectAll(@Param("q") SqlQuery query);

  long countBy(@Param("where") SqlWhere where);

  Tag insert(@Param("name") String name);

  /** Every name as a tag, inserting the missing ones, in one statement; safe under concurrency. */
  List<Tag> upsertNames(@Param("names") Collection<String> names);

  int updateName(@Param("id") int id, @Param("name") String name);

  int deleteWhere(@Param("where") SqlWhere where, @Param("ids") IdRange ids);

  IdBounds selectIdBounds(@Param("where") SqlWhere where, @Param("ids") IdRange ids);
}
