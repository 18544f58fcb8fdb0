package dev.inkwell.posts.internal;

import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import dev.inkwell.query.sql.SqlQuery;
import dev.inkwell.query.sql.SqlWhere;
import dev.inkwell.users.User;

/** Reads that start at users and include their posts (User hasMany Post as posts). */
@Mapper
public interface UserPostsMapper {

  /** One user with its matching posts (and their tags) in one statement; null when none qualifies. */
  OwnerWithPostsRow<User> selectUserWithPosts(@Param("userId") int userId, @Param("posts") SqlWhere posts,
      @Param("required") boolean required, @Param("tags") boolean tags);

  /** Flat (pageable): users matching {@code q}, and when {@code required} only those with a matching post. */
  List<User> selectUsersByQuery(@Param("q") SqlQuery query, @Param("posts") SqlWhere posts, @Param("required") boolean required);

  long selectUsersByQuery_COUNT(@Param("q") SqlQuery query, @Param("posts") SqlWhere posts, @Param("required") boolean required);

  String selectUsersByQuery_PLAN(@Param("q") SqlQuery query, @Param("posts") SqlWhere posts, @Param("required") boolean required);

  /** The matching posts (and their tags) of many users in one statement, by author then post id. */
  List<PostRow> selectPostsOfUsers(@Param("userIds") Integer[] userIds, @Param("posts") SqlWhere posts,
      @Param("tags") boolean tags);
}
