package dev.inkwell.query;

import java.math.BigDecimal;

/**
 * count, sum, avg, min, max of one numeric column under a filter; what {@code selectStats} statements
 * return (result map {@code WhereSql.stats}). The aggregates are null when no row matches.
 */
public record Stats(long count, BigDecimal sum, Double avg, BigDecimal min, BigDecimal max) {
}
