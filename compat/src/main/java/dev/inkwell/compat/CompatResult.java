package dev.inkwell.compat;

/** One check's outcome and how long it took. */
public record CompatResult(Check check, Outcome outcome, long millis) {
}
