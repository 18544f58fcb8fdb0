package dev.inkwell.query.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import org.apache.ibatis.reflection.ReflectionException;
import org.apache.ibatis.reflection.factory.DefaultObjectFactory;
import org.junit.jupiter.api.Test;

/**
 * The factory builds what MyBatis's own builds and fails as it fails, from the first call of a
 * signature and from the kept constructor after it. No database: every module's and the service's
 * tests map their rows through it on PostgreSQL (MyBatisMappingAutoConfiguration).
 */
class CachedConstructorObjectFactoryTest {

  record Row(Integer id, String name, Map<String, Object> data) {
    Row {
      if (id != null && id < 0) {
        throw new IllegalArgumentException("negative id");
      }
    }
  }

  static final class Hidden {
    final String value;

    private Hidden(String value) {
      this.value = value;
    }
  }

  static final class TwoWays {
    final String how;

    TwoWays(String a) {
      how = "one " + a;
    }

    TwoWays(String a, Integer b) {
      how = "two " + a + b;
    }
  }

  private static final List<Class<?>> ROW = List.of(Integer.class, String.class, Map.class);

  private final DefaultObjectFactory stock = new DefaultObjectFactory();
  private final CachedConstructorObjectFactory cached = new CachedConstructorObjectFactory();

  @Test
  void buildsWhatMyBatisBuildsOnEveryCall() {
    for (int i = 0; i < 3; i++) {
      List<Object> args = Arrays.asList(i, "row " + i, i == 1 ? null : Map.of("k", i));
      assertThat(cached.create(Row.class, new ArrayList<>(ROW), args)).isEqualTo(stock.create(Row.class, ROW, args));
    }
    // MyBatis's defaults for interfaces, and the no-argument path
    List<?> list = cached.create(List.class);
    assertThat(list).isInstanceOf(ArrayList.class).isEqualTo(stock.create(List.class)).isNotSameAs(cached.create(List.class));
    assertThat((Object) cached.create(SortedSet.class)).isInstanceOf(TreeSet.class);
  }

  @Test
  void keepsEachSignatureOfAType() {
    for (int i = 0; i < 2; i++) {
      assertThat(cached.create(TwoWays.class, List.of(String.class), List.of("a")).how).isEqualTo("one a");
      assertThat(cached.create(TwoWays.class, List.of(String.class, Integer.class), List.of("a", i)).how).isEqualTo("two a" + i);
    }
  }

  @Test
  void opensAPrivateConstructorAsMyBatisDoes() {
    for (int i = 0; i < 2; i++) {
      assertThat(cached.create(Hidden.class, List.of(String.class), List.of("v" + i)).value).isEqualTo("v" + i);
    }
  }

  @Test
  void aFailingConstructorGivesMyBatissErrorBeforeAndAfterItIsKept() {
    List<Object> bad = Arrays.asList(-1, "x", null);
    String expected = messageOf(() -> stock.create(Row.class, ROW, bad));
    assertThat(expected).startsWith("Error instantiating class " + Row.class.getName()).contains("values (-1,x,null)");

    assertThatThrownBy(() -> cached.create(Row.class, ROW, bad)).isInstanceOf(ReflectionException.class).hasMessage(expected)
        .hasRootCauseMessage("negative id");
    cached.create(Row.class, ROW, Arrays.asList(1, "kept", null));
    assertThatThrownBy(() -> cached.create(Row.class, ROW, bad)).isInstanceOf(ReflectionException.class).hasMessage(expected)
        .hasRootCauseMessage("negative id");
    // no such constructor: MyBatis's error, on every call
    assertThatThrownBy(() -> cached.create(Row.class, List.of(String.class), List.of("x")))
        .isInstanceOf(ReflectionException.class).hasMessageContaining("Error instantiating");
  }

  @Test
  void aDeserializedFactoryStillBuilds() throws Exception {
    cached.create(Row.class, ROW, Arrays.asList(1, "a", null));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(cached);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      CachedConstructorObjectFactory copy = (CachedConstructorObjectFactory) in.readObject();
      assertThat(copy.create(Row.class, ROW, Arrays.asList(2, "b", null))).isEqualTo(new Row(2, "b", null));
    }
  }

  private static String messageOf(Runnable call) {
    try {
      call.run();
    } catch (ReflectionException e) {
      return e.getMessage();
    }
    throw new AssertionError("no ReflectionException");
  }
}
