package dev.inkwell.query.sql;

/** The lowest and highest primary key a filter matches (both null when it matches nothing). */
public record IdBounds(Long low, Long high) {
}
