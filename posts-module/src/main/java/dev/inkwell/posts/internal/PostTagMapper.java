package dev.inkwell.posts.internal;

import java.util.Collection;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The post_tags links of one post. */
@Mapper
public interface PostTagMapper {

  /** Links not yet there are added; existing ones are left alone. Returns how many were added. */
  int insertLinks(@Param("postId") int postId, @Param("tagIds") Collection<Integer> tagIds);

  int deleteLinks(@Param("postId") int postId, @Param("tagIds") Collection<Integer> tagIds);

  /** Removes every link of the post except those to {@code keepTagIds} (all when empty). */
  int deleteLinksExcept(@Param("postId") int postId, @Param("keepTagIds") Collection<Integer> keepTagIds);

  int countLinks(@Param("postId") int postId);

  boolean existsLink(@Param("postId") int postId, @Param("tagId") int tagId);
}
