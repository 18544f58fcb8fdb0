package dev.inkwell.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The harness's smoke run ({@code --quick}), so that it cannot rot: every workload reports both paths
 * and a ratio, and W5's statement counts are fixed. It asserts shape and correctness, not speed
 * (speed is what the printed figures are for).
 */
class QuickBenchTest {

  @Test
  void quickRunReportsEveryWorkload() throws Exception {
    JsonNode report = JsonMapper.shared().readTree(BenchApplication.run("data", "--quick"));

    JsonNode w = report.get("workloads");
    assertThat(w.propertyNames()).containsExactly("W1_create", "W2_bulkCreate", "W3_findByPk", "W4_findAll_filter",
        "W5_nested_include", "W6_upsert", "W6b_bulk_upsert", "W7_transaction", "W8_vector_knn", "W9_concurrent_reads");
    for (String name : new String[] {"W1_create", "W2_bulkCreate", "W3_findByPk", "W4_findAll_filter", "W6_upsert", "W7_transaction"}) {
      assertThat(w.get(name).get("ratio").asDouble()).as(name).isPositive();
      assertThat(w.get(name).get("inkwell").get("totalMs").asDouble()).as(name).isPositive();
      assertThat(w.get(name).get("jdbc").get("totalMs").asDouble()).as(name).isPositive();
    }
    // W2 times 10 batches of 1,000 here and keeps the first 2,500 users (ids checked) for the workloads after it.
    assertThat(w.get("W2_bulkCreate").get("batches").asInt()).isEqualTo(10);
    assertThat(w.get("W2_bulkCreate").get("usersKept").asInt()).isEqualTo(2_500);
    assertThat(w.get("W5_nested_include").get("statementsPerLoad").asInt()).isEqualTo(1);
    assertThat(w.get("W5_nested_include").get("statementsPerPageOf20").asInt()).isEqualTo(3);
    assertThat(w.get("W8_vector_knn").get("knn").get("ratio").asDouble()).isPositive();
    assertThat(w.get("W9_concurrent_reads").get("pool16").get("ratio").asDouble()).isPositive();
    // The deployed jar's turns, as many as the pool has connections: what reaches the database at 32 connections.
    assertThat(w.get("W9_concurrent_reads").get("pool5").get("activeRequests").asInt()).isEqualTo(5);
    assertThat(w.get("W9_concurrent_reads").get("pool16").get("activeRequests").asInt()).isEqualTo(16);
    // pgbench's floor, timed in the same rounds, beside every one-statement or short-transaction path.
    for (JsonNode floor : new JsonNode[] {w.get("W1_create").get("pgbench"), w.get("W3_findByPk").get("pgbench"),
        w.get("W6_upsert").get("pgbench"), w.get("W7_transaction").get("pgbench"), w.get("W8_vector_knn").get("knn").get("pgbench"),
        w.get("W9_concurrent_reads").get("pool5").get("pgbench")}) {
      assertThat(floor.get("tps").asDouble()).isPositive();
      assertThat(floor.get("inkwellFraction").asDouble()).isPositive();
      assertThat(floor.get("jdbcFraction").asDouble()).isPositive();
      assertThat(floor.get("roundsMs")).hasSize(10);
    }
    assertThat(w.get("W3_findByPk").get("pgbench").get("clients").asInt()).isEqualTo(1);
    assertThat(w.get("W9_concurrent_reads").get("pool5").get("pgbench").get("clients").asInt()).isEqualTo(5);
    assertThat(w.get("W6b_bulk_upsert").get("bulkRowsPerSecond").asLong()).isPositive();
    assertThat(w.get("W6b_bulk_upsert").get("singleRowUpsertsPerSecond").asLong()).isPositive();
    assertThat(report.get("versions").get("postgres").asString()).isNotBlank();
    assertThat(report.get("expectations").has("withinRatio1.15")).isTrue();
    assertThat(report.get("expectations").get("w5WithinRatio1.3").asString()).contains(", ");
    // The paths named as outrunning pgbench are those whose JDBC share of its rate is above 1.
    long above = w.findParents("jdbcFraction").stream().filter(f -> f.get("jdbcFraction").asDouble() > 1).count();
    JsonNode listed = report.get("expectations").get("jdbcAbovePgbench");
    assertThat(listed.isArray() ? listed.size() : 0).isEqualTo(above);
    assertThat(listed.isArray() || listed.asString().equals("none")).isTrue();
  }

  @Test
  void quickSearchRunReportsTheModelTheLagAndEveryMode() throws Exception {
    JsonNode report = JsonMapper.shared().readTree(BenchApplication.run("search", "--quick"));

    assertThat(report.get("embedding").findValues("textsPerSecond")).hasSize(8).allSatisfy(v -> assertThat(v.asDouble()).isPositive());
    assertThat(report.get("outboxLag").get("backlogAfter").asLong()).isZero();
    assertThat(report.get("outboxLag").get("posts").asLong()).as("about 20 posts/s for 3 s, each embedded").isGreaterThanOrEqualTo(50);
    JsonNode search = report.get("search");
    assertThat(search.get("hybridPlanUsesHnsw").asBoolean()).isTrue();
    assertThat(search.get("hybridPlanUsesGin").asBoolean()).isTrue();
    for (String mode : new String[] {"semantic", "text", "hybrid"}) {
      assertThat(search.get(mode).get("searchesPerSecond").asDouble()).as(mode).isPositive();
    }
  }
}
