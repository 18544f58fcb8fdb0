/**
 * The query model every data module shares: a Sequelize-style {@link dev.inkwell.query.Where} filter
 * with its {@link dev.inkwell.query.Op} operators, {@link dev.inkwell.query.Sort} orders,
 * {@link dev.inkwell.query.FindOptions}, pages, and the per-entity {@link dev.inkwell.query.sql.FieldSet}
 * whitelist that turns them into SQL. Owns no table and calls no module.
 *
 * <p>{@code dev.inkwell.query.sql} holds what mapper XML uses: the compiled forms, the shared
 * fragments in {@code WhereSql.xml}, the JSONB type handler and the PageHelper bridge.
 */
package dev.inkwell.query;
