package dev.inkwell.tags.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import dev.inkwell.query.sql.IdBounds;
import dev.inkwell.query.sql.SqlAggregation;
import dev.inkwell.query.sql.SqlQuery;
import dev.inkwell.query.sql.SqlWhere;
import dev.inkwell.tags.Tag;

@Mapper
public interface TagMapper {

  Tag selectById(@Param("id") int id);

  List<Tag> selectByIds(@Param("ids") Collection<Integer> ids);

  List<Tag> selectByQuery(@Param("q") SqlQuery query);

  /** The count of {@link #selectByQuery}'s rows: PageHelper's count for a page, and {@code TagService.count}. */
  long selectByQuery_COUNT(@Param("q") SqlQuery query);

  /** {@code EXPLAIN (FORMAT JSON)} of {@link #selectByQuery_COUNT}'s FROM and WHERE. */
  String selectByQuery_PLAN(@Param("q") SqlQuery query);

  /** Rows keyed by the aggregation's labels (SqlAggregation#rows names them). */
  List<Map<String, Object>> selectAggregate(@Param("a") SqlAggregation aggregation);

  Tag insert(@Param("name") String name);

  /** Every name as a tag, inserting the missing ones, in one statement; safe under concurrency. */
  List<Tag> upsertNames(@Param("names") Collection<String> names);

  /** Inserts the names that are not tags yet; returns only those. */
  List<Tag> insertMissingNames(@Param("names") String[] names);

  /** {@code versions}: MD5s of "id:name" the row must still have (null: any). */
  int updateName(@Param("id") int id, @Param("name") String name, @Param("versions") List<String> versions);

  int deleteById(@Param("id") int id, @Param("versions") List<String> versions);

  /** {@code where} may be narrowed to an id range (ChunkedWrite). */
  int deleteByQuery(@Param("where") SqlWhere where);

  IdBounds selectIdBounds(@Param("where") SqlWhere where);
}
