package dev.inkwell.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumberTextTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"7|7", "' 7 '|7", "+7|7", "-7|-7", "007|7", "2147483647|2147483647", "-2147483648|-2147483648"})
  void aWholeNumberIsDecimalDigitsWithASignAndSpacesAround(String text, int value) {
    assertThat(NumberText.wholeNumber(text)).isEqualTo(value);
  }

  /** Hexadecimal (Spring's converter), other scripts' digits (Java's parsers), spaces inside, a point, too large. */
  @ParameterizedTest
  @ValueSource(strings = {"0x7", "#7", "\uff17", "\u0667", "7 7", "", " ", "7.0", "1e1", "2147483648", "--7"})
  void anythingElseIsNotAWholeNumber(String text) {
    assertThatThrownBy(() -> NumberText.wholeNumber(text)).isInstanceOf(NumberFormatException.class);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"30|30", "3e1|30", "' -2.50 '|-2.50", "1.|1", ".5|0.5", "1e999|1e999", "1e-1000|1e-1000", "0e999999999|0", "-0.0e-999999999|0"})
  void aDecimalIsDecimalDigitsWithAPointAndAnExponent(String text, String value) {
    BigDecimal decimal = NumberText.decimal("n", text);
    assertThat(decimal).isEqualByComparingTo(new BigDecimal(value));
    assertThat(decimal.toPlainString().length()).isLessThanOrEqualTo(NumberText.MAX_DIGITS + 2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\uff13\uff10", "\u0663", "0x1e", ".", "e5", "1e", "NaN", "Infinity", "1,5", ""})
  void textThatSpellsNoDecimalIsNull(String text) {
    assertThat(NumberText.decimal("n", text)).isNull();
  }

  /** 1e999999999 had been written out in full: a billion digits. An exponent beyond an int is refused the same way. */
  @ParameterizedTest
  @ValueSource(strings = {"1e1000", "1e-1001", "1e999999999", "-1e99999999999", "0.5e-1000"})
  void moreThanAThousandDigitsIsA400NamingTheField(String text) {
    assertThatThrownBy(() -> NumberText.decimal("metadata.score", text))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessage("'metadata.score' takes a number of at most 1000 digits before and after its point");
  }
}
