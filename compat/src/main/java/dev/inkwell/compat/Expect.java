package dev.inkwell.compat;

import java.util.Objects;

/** Assertions for checks (the suite runs in the service jar, without a test library). */
final class Expect {

  private Expect() {
  }

  static void equal(Object actual, Object expected, String what) {
    if (!Objects.equals(actual, expected)) {
      throw new AssertionError(what + ": expected " + expected + ", got " + actual);
    }
  }

  static void that(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }

  /** Runs {@code call} and returns what it threw; fails when it threw nothing. */
  static Throwable thrown(ThrowingRunnable call, String what) {
    try {
      call.run();
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError(what + ": expected a failure, none happened");
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
