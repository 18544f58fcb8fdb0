package dev.inkwell.users.internal;

import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import dev.inkwell.users.User;
import dev.inkwell.users.UserReports.AgeRank;
import dev.inkwell.users.UserReports.NameAge;

/** The guide's raw-SQL section (window, CTE, DISTINCT ON, bound parameters) and JSONB operators. */
@Mapper
public interface UserReportMapper {

  // Every report reads one page: at most limit rows after offset.

  List<AgeRank> selectRankedByAge(@Param("limit") int limit, @Param("offset") long offset);

  List<NameAge> selectActive(@Param("limit") int limit, @Param("offset") long offset);

  List<NameAge> selectFirstPerAge(@Param("limit") int limit, @Param("offset") long offset);

  List<User> selectAgeBetween(@Param("min") int min, @Param("max") int max, @Param("limit") int limit,
      @Param("offset") long offset);

  /** [id, name, JSON text of {@code metadata -> key}, {@code metadata ->> key}] per user. */
  List<MetadataRow> selectMetadata(@Param("key") String key, @Param("contains") String containsJson,
      @Param("limit") int limit, @Param("offset") long offset);

  record MetadataRow(Integer id, String name, String json, String text) {
  }
}
