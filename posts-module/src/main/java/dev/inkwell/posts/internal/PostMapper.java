package dev.inkwell.posts.internal;

import java.util.Collection;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import dev.inkwell.posts.PostChanges;
import dev.inkwell.query.sql.SqlQuery;
import dev.inkwell.query.sql.IdBounds;
import dev.inkwell.query.sql.IdRange;
import dev.inkwell.query.sql.SqlWhere;
import dev.inkwell.tags.Tag;

@Mapper
public interface PostMapper {

  /** One post, joined with its author and/or tags as asked: one statement. */
  PostRow selectById(@Param("id") int id, @Param("author") boolean author, @Param("tags") boolean tags);

  /** Flat (pageable): posts, each joined with its author when asked (one author per post: no extra rows). */
  List<PostRow> selectAll(@Param("q") SqlQuery query, @Param("author") boolean author);

  /** The tags of many posts in one statement, by post then tag id. */
  List<PostTagRow> selectTagsOfPosts(@Param("postIds") Collection<Integer> postIds);

  /** A tag with its posts in one statement; null when the tag does not exist. */
  OwnerWithPostsRow<Tag> selectTagWithPosts(@Param("tagId") int tagId);

  long countBy(@Param("where") SqlWhere where);

  PostRow insert(@Param("row") PostRow row);

  int updateWhere(@Param("changes") PostChanges changes, @Param("where") SqlWhere where, @Param("ids") IdRange ids);

  int deleteWhere(@Param("where") SqlWhere where, @Param("ids") IdRange ids);

  IdBounds selectIdBounds(@Param("where") SqlWhere where, @Param("ids") IdRange ids);
}
