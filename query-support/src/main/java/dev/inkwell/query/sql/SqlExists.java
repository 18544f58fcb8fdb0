package dev.inkwell.query.sql;

/**
 * What {@code WhereSql.xml} renders for an association filter:
 * {@code EXISTS (SELECT 1 FROM [linkTable linkAlias JOIN] table alias [ON alias.id = linkAlias.linkToTarget]
 * WHERE leftAlias.leftKey = parentAlias.parentKey AND (...))}. Every part is an identifier from an
 * {@link Association} declared in code.
 */
public record SqlExists(String table, String alias, String linkTable, String linkAlias, String linkToTarget,
    String leftAlias, String leftKey, String parentAlias, String parentKey) {

  public String getTable() {
    return table;
  }

  public String getAlias() {
    return alias;
  }

  public String getLinkTable() {
    return linkTable;
  }

  public String getLinkAlias() {
    return linkAlias;
  }

  public String getLinkToTarget() {
    return linkToTarget;
  }

  public String getLeftAlias() {
    return leftAlias;
  }

  public String getLeftKey() {
    return leftKey;
  }

  public String getParentAlias() {
    return parentAlias;
  }

  public String getParentKey() {
    return parentKey;
  }
}
