package dev.inkwell.users;

/**
 * The row an upsert left, and whether it inserted it: {@code true} inserted, {@code false} updated,
 * {@code null} when the database cannot tell (see {@link UserService#upsert(NewUser)}).
 */
public record UpsertResult(User user, Boolean created) {
}
