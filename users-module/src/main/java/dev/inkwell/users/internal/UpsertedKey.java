package dev.inkwell.users.internal;

/** One row of a bulk upsert as stored: its id and email, and whether the statement inserted it (null: cannot tell). */
public record UpsertedKey(Integer id, String email, Boolean inserted) {
}
