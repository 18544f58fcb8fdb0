package dev.inkwell.query.sql;

/**
 * A relation a filter may cross ({@code {"posts": {"$some": {...}}}}), declared in code by the module
 * that owns it: the related entity's fields and how its rows join the parent, as identifiers. A
 * filter on it compiles to an {@code EXISTS} semi-join ({@link SqlExists}): parents are never
 * multiplied, so pages and counts stay exact.
 */
public record Association(String name, boolean toMany, FieldSet target, String table, String linkTable,
    String linkToTarget, String key, String parentKey, boolean keyOnLink) {

  /** Rows of {@code table} whose {@code foreignKey} is the parent's id (User hasMany Post: {@code "authorId"}). */
  public static Association hasMany(String name, FieldSet target, String table, String foreignKey) {
    return new Association(name, true, target, table, null, null, foreignKey, "id", false);
  }

  /** The row of {@code table} the parent's {@code foreignKey} names (Post belongsTo User as author). */
  public static Association belongsTo(String name, FieldSet target, String table, String foreignKey) {
    return new Association(name, false, target, table, null, null, "id", foreignKey, false);
  }

  /** Rows of {@code table} linked through {@code linkTable} (Post belongsToMany Tag through post_tags). */
  public static Association belongsToMany(String name, FieldSet target, String table, String linkTable,
      String linkToParent, String linkToTarget) {
    return new Association(name, true, target, table, linkTable, linkToTarget, linkToParent, "id", true);
  }

  /** The EXISTS join for one use, its tables read through {@code alias} (and {@code alias + "l"} for a link). */
  SqlExists join(String alias, String parentAlias) {
    String linkAlias = linkTable == null ? null : alias + "l";
    return new SqlExists(table, alias, linkTable, linkAlias, linkToTarget, keyOnLink ? linkAlias : alias, key, parentAlias,
        parentKey);
  }
}
