package dev.inkwell.posts.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import dev.inkwell.posts.PostChanges;
import dev.inkwell.query.sql.IdBounds;
import dev.inkwell.query.sql.SqlAggregation;
import dev.inkwell.query.sql.SqlQuery;
import dev.inkwell.query.sql.SqlWhere;
import dev.inkwell.tags.Tag;

@Mapper
public interface PostMapper {

  /** One post, joined with its author and/or tags as asked: one statement. */
  PostRow selectById(@Param("id") int id, @Param("author") boolean author, @Param("tags") boolean tags);

  /** Flat (pageable): posts, each joined with its author when asked (one author per post: no extra rows). */
  List<PostRow> selectByQuery(@Param("q") SqlQuery query, @Param("author") boolean author);

  /** The count of {@link #selectByQuery}'s rows: PageHelper's count for a page, and {@code PostService.count}. */
  long selectByQuery_COUNT(@Param("q") SqlQuery query, @Param("author") boolean author);

  /** {@code EXPLAIN (FORMAT JSON)} of {@link #selectByQuery_COUNT}'s FROM and WHERE. */
  String selectByQuery_PLAN(@Param("q") SqlQuery query, @Param("author") boolean author);

  /** Rows keyed by the aggregation's labels (SqlAggregation#rows names them). */
  List<Map<String, Object>> selectAggregate(@Param("a") SqlAggregation aggregation);

  /** The tags of many posts in one statement: a row (id and tags) per post that has any, in post id order. */
  List<PostRow> selectTagsOfPosts(@Param("postIds") Collection<Integer> postIds);

  /** A tag with its posts in one statement; null when the tag does not exist. */
  OwnerWithPostsRow<Tag> selectTagWithPosts(@Param("tagId") int tagId);


  PostRow insert(@Param("row") PostRow row);

  /** {@code where} may be narrowed to an id range (ChunkedWrite), as for deleteByQuery and selectIdBounds. */
  int updateByQuery(@Param("changes") PostChanges changes, @Param("where") SqlWhere where);

  int deleteByQuery(@Param("where") SqlWhere where);

  IdBounds selectIdBounds(@Param("where") SqlWhere where);
}
