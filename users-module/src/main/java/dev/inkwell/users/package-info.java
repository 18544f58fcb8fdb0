/**
 * Users: the guide's User model and every User call it shows (create, bulkCreate, findOne, findByPk,
 * findAll with Op filters, attributes, order, limit/offset, count and the aggregates, update, save,
 * upsert, destroy), through {@link dev.inkwell.users.UserService}.
 *
 * <p>Owns the {@code users} table. Calls no other module. Write methods need a transaction started by
 * the caller ({@code app}'s use cases).
 */
package dev.inkwell.users;
