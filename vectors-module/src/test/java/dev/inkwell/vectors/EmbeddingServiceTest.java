package dev.inkwell.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.transaction.AfterTransaction;
import org.springframework.test.context.transaction.BeforeTransaction;

import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.Op;
import dev.inkwell.query.Where;
import dev.inkwell.query.testing.StatementCounter;
import dev.inkwell.vectors.internal.VectorSupport;

/** The guide's vector section on pgvector, distances checked by hand to 1e-6. */
@VectorsDataTest
class EmbeddingServiceTest {

  private static final float[] Q = {0.9f, 0.3f, 0.1f};

  @Autowired
  EmbeddingService embeddings;
  @Autowired
  VectorSupport support;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  StatementCounter statements;

  @BeforeEach
  void fixture() {
    jdbc.sql("DELETE FROM embeddings").update(); // rolled back with the test
    embeddings.createAll(List.of(
        new NewEmbedding("a", new float[] {1, 0, 0}),
        new NewEmbedding("b", new float[] {0, 1, 0}),
        new NewEmbedding("c", new float[] {1, 1, 0}),
        new NewEmbedding("d", new float[] {-1, 0, 0}),
        new NewEmbedding("e", new float[] {0.5f, -0.25f, 2})));
  }

  /**
   * Rows a rolled-back test inserted stay in the HNSW indexes until VACUUM, and would crowd out live
   * ones in the next test's scans (see EmbeddingService.search): each test starts on a vacuumed table.
   */
  @BeforeTransaction
  void vacuum() {
    jdbc.sql("VACUUM embeddings").update();
  }

  @AfterTransaction
  void readTheRealTableAgain() {
    support.refresh(); // after a test altered the table (rolled back now)
  }

  private List<String> names(List<Neighbor> hits) {
    return hits.stream().map(Neighbor::name).toList();
  }

  private long rows() {
    return jdbc.sql("SELECT count(*) FROM embeddings").query(Long.class).single();
  }

  @Test
  void vectorsRoundTripExactly() {
    float[] vector = {-1.5f, 0.125f, 3.0e-3f};

    Embedding created = embeddings.create(new NewEmbedding("doc-1", vector));

    assertThat(embeddings.get(created.id()).embedding()).containsExactly(vector);
    assertThat(jdbc.sql("SELECT embedding::text FROM embeddings WHERE id = ?").param(created.id()).query(String.class).single())
        .isEqualTo("[-1.5,0.125,0.003]");
  }

  @Test
  void eachMetricOrdersAndMeasuresAsCheckedByHand() {
    List<Neighbor> l2 = embeddings.search(VectorSearch.nearest(Q, Metric.L2, 5));
    List<Neighbor> cosine = embeddings.search(VectorSearch.nearest(Q, Metric.COSINE, 5));
    List<Neighbor> ip = embeddings.search(VectorSearch.nearest(Q, Metric.IP, 5));

    assertThat(names(l2)).containsExactly("a", "c", "b", "d", "e");
    assertThat(l2).extracting(Neighbor::distance).satisfiesExactly(
        d -> assertThat(d).isCloseTo(0.3316625, within(1e-6)), d -> assertThat(d).isCloseTo(0.7141428, within(1e-6)),
        d -> assertThat(d).isCloseTo(1.1445523, within(1e-6)), d -> assertThat(d).isCloseTo(1.9261360, within(1e-6)),
        d -> assertThat(d).isCloseTo(2.0180436, within(1e-6)));
    assertThat(names(cosine)).containsExactly("a", "c", "b", "e", "d");
    assertThat(cosine).extracting(Neighbor::distance).satisfiesExactly(
        d -> assertThat(d).isCloseTo(0.0565436, within(1e-6)), d -> assertThat(d).isCloseTo(0.1105008, within(1e-6)),
        d -> assertThat(d).isCloseTo(0.6855145, within(1e-6)), d -> assertThat(d).isCloseTo(0.7097431, within(1e-6)),
        d -> assertThat(d).isCloseTo(1.9434564, within(1e-6)));
    assertThat(names(ip)).containsExactly("c", "a", "e", "b", "d");
    assertThat(ip).extracting(Neighbor::distance).satisfiesExactly(
        d -> assertThat(d).isCloseTo(-1.2, within(1e-6)), d -> assertThat(d).isCloseTo(-0.9, within(1e-6)),
        d -> assertThat(d).isCloseTo(-0.575, within(1e-6)), d -> assertThat(d).isCloseTo(-0.3, within(1e-6)),
        d -> assertThat(d).isCloseTo(0.9, within(1e-6)));
  }

  @Test
  void kDefaultsToFiveAndCosineIsTheDefaultMetric() {
    embeddings.create(new NewEmbedding("f", new float[] {0, 0, 1}));

    List<Neighbor> hits = embeddings.search(new VectorSearch(Q, null, null, null, null, null));

    assertThat(names(hits)).containsExactly("a", "c", "b", "e", "f");
  }

  @Test
  void theGuidesCosineDistanceFunctionAgreesWithTheOperator() {
    List<Neighbor> function = embeddings.searchByCosineFunction(new float[] {1, 1, 1}, 5);
    List<Neighbor> operator = embeddings.search(VectorSearch.nearest(new float[] {1, 1, 1}, Metric.COSINE, 5));

    assertThat(function.get(0).name()).isEqualTo("c");
    assertThat(function).extracting(Neighbor::distance).containsExactlyElementsOf(operator.stream().map(Neighbor::distance).toList());
  }

  @Test
  void thresholdSearchOfTheGuide() {
    float[] x = {1, 0, 0};

    assertThat(names(embeddings.within(x, Metric.L2, 1.0))).containsExactly("a");
    assertThat(names(embeddings.within(x, Metric.L2, 1.5))).containsExactly("a", "c", "b");
    assertThat(names(embeddings.within(x, Metric.COSINE, 0.5))).containsExactly("a", "c");
    assertThat(names(embeddings.within(x, Metric.IP, -0.6))).containsExactlyInAnyOrder("a", "c");
    assertThat(names(embeddings.search(VectorSearch.nearest(x, Metric.L2, 2).within(1.5)))).containsExactly("a", "c");
  }

  @Test
  void filterCombinesWithNearestNeighbours() {
    embeddings.create(new NewEmbedding("doc-near", new float[] {0.9f, 0.3f, 0.1f}));
    embeddings.create(new NewEmbedding("DOC-far", new float[] {-5, -5, -5}));

    List<Neighbor> docs = embeddings.search(VectorSearch.nearest(Q, Metric.L2, 5)
        .where(Where.field("name").op(Op.ILIKE, "doc-%")));

    assertThat(names(docs)).containsExactly("doc-near", "DOC-far");
    assertThat(docs.get(0).distance()).isCloseTo(0, within(1e-6));
    assertThatThrownBy(() -> embeddings.search(VectorSearch.nearest(Q, Metric.L2, 5).where(Where.field("embedding").eq("x"))))
        .isInstanceOf(InvalidQueryException.class).hasMessage("unknown field 'embedding' of embeddings; allowed: id, name");
  }

  @Test
  void tenThousandInTwoStatementsOfFiveThousand() {
    Random random = new Random(42);
    List<NewEmbedding> many = IntStream.range(0, 10_000)
        .mapToObj(i -> new NewEmbedding("bulk-" + i, new float[] {random.nextFloat(), random.nextFloat(), random.nextFloat()})).toList();
    statements.reset();

    List<Embedding> created = embeddings.createAll(many);

    assertThat(statements.count()).isEqualTo(2); // inkwell.dml.max-rows-per-statement: 5,000
    assertThat(created).hasSize(10_000).extracting(Embedding::id).doesNotHaveDuplicates();
    assertThat(created.get(9_999).embedding()).containsExactly(many.get(9_999).embedding());
    assertThat(rows()).isEqualTo(10_005);
  }

  @Test
  void updateAndDelete() {
    Embedding a = embeddings.search(VectorSearch.nearest(new float[] {1, 0, 0}, Metric.L2, 1)).stream()
        .map(n -> embeddings.get(n.id())).findFirst().orElseThrow();

    Embedding moved = embeddings.update(a.id(), new NewEmbedding("a2", new float[] {0, 0, -1}));
    embeddings.delete(a.id());

    assertThat(moved.embedding()).containsExactly(0, 0, -1);
    assertThat(embeddings.findById(a.id())).isEmpty();
    assertThatThrownBy(() -> embeddings.delete(a.id())).isInstanceOf(EmbeddingNotFoundException.class);
    assertThatThrownBy(() -> embeddings.update(a.id(), new NewEmbedding("x", new float[] {1, 2, 3})))
        .isInstanceOf(EmbeddingNotFoundException.class);
  }

  @Test
  void badInputIsRefusedNamingTheRuleAndWritesNothing() {
    assertBad(() -> embeddings.create(new NewEmbedding("x", new float[] {1, 2})), "embedding must have 3 dimensions, got 2");
    assertBad(() -> embeddings.create(new NewEmbedding("x", new float[0])), "embedding is required: 3 numbers");
    assertBad(() -> embeddings.create(new NewEmbedding("x", null)), "embedding is required: 3 numbers");
    assertBad(() -> embeddings.create(new NewEmbedding("x", new float[] {1, Float.NaN, 3})), "embedding[1] is not a finite number");
    assertBad(() -> embeddings.create(new NewEmbedding("x", new float[] {Float.POSITIVE_INFINITY, 0, 3})),
        "embedding[0] is not a finite number");
    assertBad(() -> embeddings.create(new NewEmbedding("", new float[] {1, 2, 3})), "name is required, at most 100 characters");
    assertBad(() -> embeddings.createAll(List.of(new NewEmbedding("ok", new float[] {1, 2, 3}), new NewEmbedding("bad", new float[] {1}))),
        "embedding[1] must have 3 dimensions, got 1");
    assertBad(() -> embeddings.search(VectorSearch.nearest(Q, Metric.L2, 0)), "k must be between 1 and 100, was 0");
    assertBad(() -> embeddings.search(VectorSearch.nearest(Q, Metric.L2, 101)), "k must be between 1 and 100, was 101");
    assertBad(() -> embeddings.search(VectorSearch.nearest(new float[] {1, 2, 3, 4}, Metric.L2, 5)), "vector must have 3 dimensions, got 4");
    assertBad(() -> embeddings.search(VectorSearch.nearest(Q, Metric.L2, 5).efSearch(0)), "efSearch must be between 1 and 1000, was 0");
    assertBad(() -> Metric.of("manhattan"), "unknown metric 'manhattan'; allowed: l2, cosine, ip");
    String noDirection = "vector must not be all zeros for cosine distance (it has no direction)";
    assertBad(() -> embeddings.search(VectorSearch.nearest(new float[3], Metric.COSINE, 5)), noDirection);
    assertBad(() -> embeddings.searchByCosineFunction(new float[3], 5), noDirection);
    assertThat(rows()).isEqualTo(5);
    assertThat(embeddings.search(VectorSearch.nearest(new float[3], Metric.L2, 5))).hasSize(5);
  }

  /**
   * pgvector sums in single precision: with 3 dimensions a component beyond ±sqrt(Float.MAX_VALUE / 24)
   * could make a distance infinite or NaN (3.4e38 in each had answered "NaN" for every hit), so it is
   * refused where it is stored or searched for; at the bound, the farthest two vectors are a finite
   * distance apart.
   */
  @Test
  void aComponentWhereDistancesWouldOverflowIsRefused() {
    float largest = (float) Math.sqrt(Float.MAX_VALUE / 24.0);
    String beyond = "[0] must be at most " + largest + " in magnitude: beyond, a distance overflows";
    assertBad(() -> embeddings.create(new NewEmbedding("x", new float[] {Math.nextUp(largest), 0, 0})), "embedding" + beyond);
    assertBad(() -> embeddings.create(new NewEmbedding("x", new float[] {-3.4e38f, 0, 0})), "embedding" + beyond);
    assertBad(() -> embeddings.search(VectorSearch.nearest(new float[] {3.4e38f, 1, 1}, Metric.COSINE, 5)), "vector" + beyond);

    embeddings.create(new NewEmbedding("far", new float[] {largest, largest, largest}));
    for (Metric metric : Metric.values()) {
      List<Neighbor> hits = embeddings.search(VectorSearch.nearest(new float[] {-largest, -largest, -largest}, metric, 6));
      assertThat(hits).as(metric.name()).hasSize(6).allSatisfy(hit -> assertThat(hit.distance()).isFinite());
    }
  }

  /** Cosine to a stored vector of zeros has no value (pgvector's NaN): such a hit comes last, without a distance. */
  @Test
  void cosineToAStoredVectorOfZerosHasNoDistance() {
    embeddings.create(new NewEmbedding("zeros", new float[3]));
    List<Neighbor> hits = embeddings.search(VectorSearch.nearest(Q, Metric.COSINE, 6));
    assertThat(names(hits)).hasSize(6).endsWith("zeros");
    assertThat(hits.get(5).distance()).isNull();
    assertThat(hits.subList(0, 5)).allSatisfy(hit -> assertThat(hit.distance()).isNotNull());
    assertThat(embeddings.searchByCosineFunction(Q, 6).get(5).distance()).isNull();
  }

  private void assertBad(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
    statements.reset();
    assertThatThrownBy(call).isInstanceOf(InvalidQueryException.class).hasMessage(message);
    assertThat(statements.count()).isZero();
  }

  @Test
  void theDimensionIsReadFromTheTable() {
    assertThat(embeddings.dimension()).isEqualTo(3);
    jdbc.sql("DELETE FROM embeddings").update();
    jdbc.sql("DROP INDEX idx_embeddings, idx_embeddings_cosine, idx_embeddings_ip").update();
    jdbc.sql("ALTER TABLE embeddings ALTER COLUMN embedding TYPE vector(5)").update();
    support.refresh();

    Embedding five = embeddings.create(new NewEmbedding("five", new float[] {1, 2, 3, 4, 5}));

    assertThat(embeddings.dimension()).isEqualTo(5);
    assertThat(embeddings.search(VectorSearch.nearest(new float[] {1, 2, 3, 4, 5}, Metric.L2, 1)).get(0).id()).isEqualTo(five.id());
    assertThatThrownBy(() -> embeddings.create(new NewEmbedding("three", new float[] {1, 2, 3})))
        .hasMessage("embedding must have 5 dimensions, got 3");
  }
}
