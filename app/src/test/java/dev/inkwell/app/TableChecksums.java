package dev.inkwell.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/** Row count and an md5 of every row, per table: equal before and after means nothing was written. */
public final class TableChecksums {

  public static final List<String> TABLES = List.of("users", "posts", "tags", "post_tags", "embeddings",
      "post_search_outbox", "post_vectors_minilm", "post_vectors_server");

  private TableChecksums() {
  }

  public static Map<String, String> of(JdbcTemplate jdbc) {
    Map<String, String> sums = new LinkedHashMap<>();
    for (String table : TABLES) {
      sums.put(table, jdbc.queryForObject("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') FROM "
          + table + " t", String.class));
    }
    return sums;
  }
}
