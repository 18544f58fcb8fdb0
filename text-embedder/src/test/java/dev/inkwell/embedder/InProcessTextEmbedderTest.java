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

  @Test
  void textTheTokenizerDropsIsEmbeddedAsBlankNotRefused() {
    // Format characters (right-to-left override, zero-width space, byte order mark), a lone combining
    // accent, a control character: not blank to Java, but the tokenizer finds no token in them, and
    // the model had refused the whole batch they were in.
    List<String> unreadable = List.of("\u202e", "\u200b \u200b", "\ufeff", "\u0301", "\u0007");
    float[] blank = EMBEDDER.embed(List.of("")).get(0);

    assertThat(unreadable).noneMatch(EMBEDDER::readable);
    List<float[]> vectors = EMBEDDER.embed(unreadable);
    assertThat(vectors).hasSize(unreadable.size()).allSatisfy(v -> assertThat(cosine(v, blank)).isCloseTo(1.0, within(1e-5)));
    assertThat(List.of("x", "é", "\u202eabc", "日本")).allMatch(EMBEDDER::readable);
    assertThat(EMBEDDER.readable(" ")).isFalse();
    assertThat(EMBEDDER.readable(null)).isFalse();
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
