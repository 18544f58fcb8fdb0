package dev.inkwell.app.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A server that grants less than asked (DB9: SERIALIZABLE runs as REPEATABLE READ) is reported once. */
@ExtendWith(OutputCaptureExtension.class)
class IsolationObserverTest {

  @Test
  void aWeakerGrantIsWarnedOnceAndShown(CapturedOutput output) {
    IsolationObserver observer = new IsolationObserver();

    observer.record("serializable", "repeatable read");
    observer.record("serializable", "repeatable read");
    observer.record("repeatable read", "repeatable read");

    assertThat(output.getOut().split("Asked the database for SERIALIZABLE isolation, it granted REPEATABLE READ", -1)).hasSize(2);
    assertThat(output).doesNotContain("Asked the database for REPEATABLE READ");
    assertThat(observer.observed()).containsEntry("serializable", "repeatable read").containsEntry("repeatable read", "repeatable read");
  }
}
