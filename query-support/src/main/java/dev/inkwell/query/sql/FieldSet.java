package dev.inkwell.query.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import dev.inkwell.query.Aggregation;
import dev.inkwell.query.FieldType;
import dev.inkwell.query.FindOptions;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.Op;
import dev.inkwell.query.Sort;
import dev.inkwell.query.Where;

/**
 * The whitelist of one entity's fields: API name, SQL column expression (with the statement's table
 * alias) and type. The only way a field name from a request becomes SQL; anything not listed is
 * rejected with the allowed names.
 */
public final class FieldSet {

  /**
   * Keys one order may name: each is an expression computed for every row read (a JSON path, an
   * author's field) and selected by a keyset window; 2,000 passed PostgreSQL's 1,664 output columns.
   */
  static final int MAX_ORDER_KEYS = 16;

  /** {@code column}: the SQL expression with the alias; {@code sqlName}: the quoted column name alone. */
  public record Field(String name, String column, FieldType type, String sqlName) {
  }

  private final String entity;
  private final String alias;
  private final Map<String, Field> fields;
  /** Shared by every alias of this entity: modules that own an association add it once. */
  private final Map<String, Association> associations;

  private FieldSet(String entity, String alias, Map<String, Field> fields, Map<String, Association> associations) {
    this.entity = entity;
    this.alias = alias;
    this.fields = Collections.unmodifiableMap(fields);
    this.associations = associations;
  }

  /** Fields of {@code entity} whose columns are read through the table alias {@code alias}. */
  public static Builder builder(String entity, String alias) {
    return new Builder(entity, alias);
  }

  public String entity() {
    return entity;
  }

  /** The table alias every column is read through. */
  public String alias() {
    return alias;
  }

  /** The same fields read through another alias (a nested EXISTS over the same table). */
  public FieldSet withAlias(String newAlias) {
    Map<String, Field> renamed = new LinkedHashMap<>();
    fields.values().forEach(f -> renamed.put(f.name(), new Field(f.name(), newAlias + "." + f.sqlName(), f.type(), f.sqlName())));
    return new FieldSet(entity, newAlias, renamed, associations);
  }

  /**
   * Declares an association filters may name ({@code {"posts": {"$some": {...}}}}). Called by the
   * module that owns it (posts-module owns users' posts); idempotent.
   */
  public void associate(Association association) {
    associations.put(association.name(), association);
  }

  /** The association, or an {@link InvalidQueryException} naming the fields and associations there are. */
  public Association association(String name) {
    Association association = associations.get(name);
    if (association == null) {
      if (fields.containsKey(name)) {
        throw new InvalidQueryException(name, "'" + name + "': operators start with $; allowed: " + Op.allNames());
      }
      throw new InvalidQueryException(name, "unknown field or association '" + name + "' of " + entity + "; fields: "
          + String.join(", ", fields.keySet()) + "; associations: "
          + (associations.isEmpty() ? "none" : String.join(", ", new TreeSet<>(associations.keySet()))));
    }
    return association;
  }

  public List<String> names() {
    return List.copyOf(fields.keySet());
  }

  /** The field, or an {@link InvalidQueryException} naming the allowed fields. */
  public Field field(String name) {
    Field field = fields.get(name);
    if (field == null) {
      throw new InvalidQueryException(name, "unknown field '" + name + "' of " + entity + "; allowed: "
          + String.join(", ", fields.keySet()));
    }
    return field;
  }

  /** The JSONB field a dotted name ({@code metadata.role}) points into, or null when it is no such path. */
  public Field jsonbFieldOf(String dottedName) {
    int dot = dottedName.indexOf('.');
    if (dot <= 0) {
      return null;
    }
    Field field = fields.get(dottedName.substring(0, dot));
    return field != null && field.type() == FieldType.JSONB ? field : null;
  }

  public SqlWhere where(Where where) {
    return WhereCompiler.compile(where, this);
  }

  /**
   * The requested order, then {@code id} unless already ordered by id: every order is total, so pages
   * and keyset cursors are stable. The id goes the way of the last key ({@code -age} is
   * {@code age DESC, id DESC}), so a two-column index serves the order and a cursor's row comparison.
   */
  public List<SqlSort> order(List<Sort> sorts) {
    if (sorts.size() > MAX_ORDER_KEYS) {
      throw new InvalidQueryException(sorts.get(MAX_ORDER_KEYS).field(), "an order may name at most " + MAX_ORDER_KEYS + " fields");
    }
    List<SqlSort> result = new ArrayList<>();
    boolean hasId = false;
    String lastDirection = "ASC";
    for (Sort sort : sorts) {
      Field document = jsonbFieldOf(sort.field());
      if (document != null) {
        lastDirection = sort.direction().name();
        result.add(new SqlSort(document.column(), lastDirection, sort.nulls().sql(), sort.field(), FieldType.JSONB,
            WhereCompiler.pathLiteral(sort.field().substring(document.name().length() + 1)), null));
        continue;
      }
      int dot = sort.field().indexOf('.');
      if (dot > 0 && associations.containsKey(sort.field().substring(0, dot))) {
        Association association = association(sort.field().substring(0, dot));
        if (association.toMany()) {
          throw new InvalidQueryException(sort.field(), "cannot order " + entity + " by '" + sort.field() + "': '"
              + association.name() + "' holds many rows");
        }
        String alias = association.target().alias() + "o";
        Field target = association.target().withAlias(alias).field(sort.field().substring(dot + 1));
        lastDirection = sort.direction().name();
        result.add(new SqlSort(target.column(), lastDirection, sort.nulls().sql(), sort.field(), target.type(), null,
            association.join(alias, this.alias)));
        continue;
      }
      Field field = field(sort.field());
      if (field.type() == FieldType.JSONB) {
        throw new InvalidQueryException(sort.field(), "cannot order " + entity + " by the JSON document '" + sort.field()
            + "'; order by a path in it ('" + sort.field() + ".key')");
      }
      hasId |= field.name().equals("id");
      lastDirection = sort.direction().name();
      result.add(new SqlSort(field.column(), lastDirection, sort.nulls().sql(), field.name(), field.type()));
    }
    if (!hasId) {
      Field id = field("id");
      result.add(new SqlSort(id.column(), lastDirection, "", id.name(), id.type()));
    }
    return result;
  }

  /**
   * The projection for Sequelize's {@code attributes}; empty means every column. Otherwise every
   * field in order, those not asked for as {@code NULL}: nothing else is read from the table, and a
   * result map built on the entity's constructor still finds each of its columns.
   */
  public List<SqlColumn> columns(List<String> attributes) {
    return columns(attributes, List.of());
  }

  /** {@link #columns(List)}, also reading the order's fields (a keyset cursor is made of their values). */
  public List<SqlColumn> columns(List<String> attributes, List<SqlSort> order) {
    if (attributes.isEmpty()) {
      return List.of();
    }
    Set<String> wanted = new HashSet<>();
    for (String name : attributes) {
      wanted.add(field(name).name());
    }
    order.stream().filter(sort -> sort.join() == null)
        .forEach(sort -> wanted.add(sort.jsonPath() == null ? sort.field() : jsonbFieldOf(sort.field()).name()));
    List<SqlColumn> columns = new ArrayList<>();
    for (Field field : fields.values()) {
      columns.add(new SqlColumn(wanted.contains(field.name()) ? field.column() : "NULL", field.name()));
    }
    return columns;
  }

  /** The column of a numeric field, for sum/min/max/avg. */
  public String numericColumn(String name) {
    Field field = field(name);
    if (field.type() != FieldType.INTEGER && field.type() != FieldType.DECIMAL) {
      throw new InvalidQueryException(name, "'" + name + "' is not numeric; aggregate one of: "
          + String.join(", ", fields.values().stream()
              .filter(f -> f.type() == FieldType.INTEGER || f.type() == FieldType.DECIMAL).map(Field::name).toList()));
    }
    return field.column();
  }

  public SqlQuery query(FindOptions options) {
    return new SqlQuery(where(options.where()), columns(options.attributes()), order(options.order()),
        options.limit(), options.offset());
  }

  /** {@link #query} for a keyset window: the projection keeps the order's fields, no limit or offset. */
  public SqlQuery keysetQuery(FindOptions options) {
    List<SqlSort> order = order(options.order());
    return new SqlQuery(where(options.where()), columns(options.attributes(), order), order, null, null);
  }

  /**
   * An aggregation over this entity: group keys and functions checked against the fields (sum and avg
   * on numbers, min and max on numbers, text and timestamps), HAVING and ORDER BY against the group
   * keys' and aliases' names (the order ends in the group keys, so it is total), limit at most
   * {@link Aggregation#MAX_ROWS}.
   */
  public SqlAggregation aggregation(Aggregation aggregation) {
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, Field> outputs = new LinkedHashMap<>();
    List<SqlAggregation.Group> groups = new ArrayList<>();
    for (Aggregation.GroupKey key : aggregation.groupBy()) {
      String label = "g" + groups.size();
      FieldType type;
      SqlAggregation.Group group;
      Field document = jsonbFieldOf(key.field());
      if (document != null && key.unit() == null) {
        group = new SqlAggregation.Group(label, groups.size() + 1, document.column(),
            WhereCompiler.pathLiteral(key.field().substring(document.name().length() + 1)), null);
        type = FieldType.TEXT;
      } else {
        Field field = field(key.field());
        if (key.unit() != null && field.type() != FieldType.TIMESTAMP) {
          throw new InvalidQueryException("groupBy", "$dateTrunc needs a timestamp field, '" + key.field() + "' is not one");
        }
        if (field.type() == FieldType.JSONB) {
          throw new InvalidQueryException("groupBy", "group by a path in '" + key.field() + "' ('" + key.field() + ".key'), not the document");
        }
        group = new SqlAggregation.Group(label, groups.size() + 1, field.column(), null, key.unit());
        type = field.type();
      }
      output(names, outputs, key.name(), label, type);
      groups.add(group);
    }
    List<SqlAggregation.Function> functions = new ArrayList<>();
    aggregation.aggregates().forEach((alias, function) -> {
      String label = "a" + functions.size();
      Aggregation.Fn fn = function.fn();
      String column = null;
      FieldType type = FieldType.INTEGER;
      if (!(fn == Aggregation.Fn.COUNT && function.field().equals("*"))) {
        Field field = field(function.field());
        column = field.column();
        boolean numeric = field.type() == FieldType.INTEGER || field.type() == FieldType.DECIMAL;
        switch (fn) {
          case SUM, AVG -> {
            if (!numeric) {
              throw new InvalidQueryException(alias, fn.jsonName() + " needs a number; '" + function.field() + "' is "
                  + field.type().name().toLowerCase());
            }
            type = FieldType.DECIMAL;
          }
          case MIN, MAX -> {
            if (!numeric && field.type() != FieldType.TEXT && field.type() != FieldType.TIMESTAMP) {
              throw new InvalidQueryException(alias, fn.jsonName() + " needs a number, text or timestamp; '"
                  + function.field() + "' is " + field.type().name().toLowerCase());
            }
            type = field.type();
          }
          default -> type = FieldType.INTEGER;
        }
      } else if (fn != Aggregation.Fn.COUNT) {
        throw new InvalidQueryException(alias, "only $count takes \"*\"");
      }
      output(names, outputs, alias, label, type);
      functions.add(new SqlAggregation.Function(label, fn.name(), column));
    });
    FieldSet result = new FieldSet(entity + " aggregate", "g", outputs, new ConcurrentHashMap<>());
    List<SqlSort> order = new ArrayList<>();
    Set<String> ordered = new HashSet<>();
    for (Sort sort : aggregation.order()) {
      Field field = result.field(sort.field());
      ordered.add(field.name());
      order.add(new SqlSort(field.column(), sort.direction().name(), sort.nulls().sql(), field.name(), field.type()));
    }
    for (Aggregation.GroupKey key : aggregation.groupBy()) {
      if (ordered.add(key.name())) {
        Field field = result.field(key.name());
        order.add(new SqlSort(field.column(), "ASC", "", field.name(), field.type()));
      }
    }
    return new SqlAggregation(where(aggregation.where()), groups, functions, result.where(aggregation.having()), order,
        aggregation.limit() == null ? Aggregation.MAX_ROWS : aggregation.limit(), names);
  }

  private static void output(Map<String, String> names, Map<String, Field> outputs, String name, String label, FieldType type) {
    if (name == null || name.isBlank() || name.startsWith("$") || name.length() > 100) {
      throw new InvalidQueryException("aggregates", "an alias is 1 to 100 characters and does not start with $, got \"" + name + "\"");
    }
    if (outputs.containsKey(name)) {
      throw new InvalidQueryException(name, "'" + name + "' names two outputs of the aggregation");
    }
    names.put(label, name);
    outputs.put(name, new Field(name, "g.\"" + label + "\"", type, "\"" + label + "\""));
  }

  public static final class Builder {
    private final String entity;
    private final String alias;
    private final Map<String, Field> fields = new LinkedHashMap<>();

    private Builder(String entity, String alias) {
      this.entity = entity;
      this.alias = alias;
    }

    /** A field stored in the column of the same name (quoted: the guide's columns are camelCase). */
    public Builder field(String name, FieldType type) {
      return field(name, name, type);
    }

    public Builder field(String name, String column, FieldType type) {
      fields.put(name, new Field(name, alias + ".\"" + column + "\"", type, "\"" + column + "\""));
      return this;
    }

    public FieldSet build() {
      if (!fields.containsKey("id")) {
        throw new IllegalStateException(entity + " needs an id field: it is every order's tie-breaker");
      }
      return new FieldSet(entity, alias, new LinkedHashMap<>(fields), new ConcurrentHashMap<>());
    }
  }
}
