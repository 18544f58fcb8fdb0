package dev.inkwell.embedder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class InProcessTextEmbedderTest {

  private static final InProcessTextEmbedder EMBEDDER = new InProcessTextEmbedder(2);

  @AfterAll
  static void close() {
    EMBEDDER.close();
  }

  @Test
  void embedsEachTextIntoUnitVectorsOfTheModelsDimension() {
    List<float[]> vectors = EMBEDDER.embed(List.of("a cat sleeps on the sofa", "", "x".repeat(5_000)));

    assertThat(vectors).hasSize(3).allSatisfy(v -> assertThat(v).hasSize(384));
    assertThat(norm(vectors.get(0))).isCloseTo(1.0, within(1e-3));
    assertThat(EMBEDDER.dimension()).isEqualTo(InProcessTextEmbedder.DIMENSION);
    assertThat(EMBEDDER.embed(List.of())).isEmpty();
  }

  @Test
  void aParaphraseIsNearerThanAnotherTopic() {
    List<float[]> v = EMBEDDER.embed(List.of(
        "How do I repot a fern whose roots have outgrown the pot?",
        "Moving a houseplant into a bigger container when it becomes root-bound",
        "The central bank raised interest rates by half a percentage point"));

    assertThat(cosine(v.get(0), v.get(1))).isGreaterThan(cosine(v.get(0), v.get(2)) + 0.3);
  }

  @Test
  void aTextGetsTheSameVectorAloneAndInABatch() {
    String text = "Sourdough needs a lively starter and a long, cold proof";
    float[] alone = EMBEDDER.embed(List.of(text)).get(0);
    float[] batched = EMBEDDER.embed(List.of("something else entirely", text, "and a third")).get(1);

    assertThat(cosine(alone, batched)).isCloseTo(1.0, within(1e-5));
  }

  private static double norm(float[] v) {
    return Math.sqrt(cosineDot(v, v));
  }

  private static double cosine(float[] a, float[] b) {
    return cosineDot(a, b) / (norm(a) * norm(b));
  }

  private static double cosineDot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
