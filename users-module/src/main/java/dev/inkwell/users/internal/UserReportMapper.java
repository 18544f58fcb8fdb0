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

  List<AgeRank> selectRankedByAge();

  List<NameAge> selectActive();

  List<NameAge> selectFirstPerAge();

  List<User> selectAgeBetween(@Param("min") int min, @Param("max") int max);

  /** [id, name, JSON text of {@code metadata -> key}, {@code metadata ->> key}] per user. */
  List<MetadataRow> selectMetadata(@Param("key") String key, @Param("contains") String containsJson);

  record MetadataRow(Integer id, String name, String json, String text) {
  }
}
