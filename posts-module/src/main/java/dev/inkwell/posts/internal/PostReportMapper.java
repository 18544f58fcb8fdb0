package dev.inkwell.posts.internal;

import java.time.LocalDate;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import dev.inkwell.posts.PostReports.AuthorPostRank;
import dev.inkwell.posts.PostReports.DayCount;

@Mapper
public interface PostReportMapper {

  List<AuthorPostRank> selectRankedPerAuthor(@Param("limit") int limit, @Param("offset") long offset);

  List<DayCount> selectCountsPerDay(@Param("from") LocalDate from, @Param("to") LocalDate to);
}
