/**
 * Users: the guide's User model and every User call it shows (create, bulkCreate, findOne, findByPk,
 * findAll with Op filters, attributes, order, limit/offset, count and the aggregates, update, save,
 * upsert, destroy) and its advanced SQL on users, through {@link dev.inkwell.users.UserService}.
 * {@code UserSql.xml} beside this package holds the one definition of the table's columns and result
 * map, published for posts-module's reads (authors, users with their posts).
 *
 * <p>Owns the {@code users} table. Calls no other module. Write methods need a transaction started by
 * the caller ({@code app}'s use cases).
 */
package dev.inkwell.users;
