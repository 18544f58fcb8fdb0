package dev.inkwell.query;

import java.util.List;

/**
 * Sequelize's {@code findAll} options: {@code where}, {@code attributes} (empty = all), {@code order},
 * {@code limit} and {@code offset} (null = none).
 */
public record FindOptions(Where where, List<String> attributes, List<Sort> order, Integer limit, Long offset) {

  public FindOptions {
    where = where == null ? Where.ALL : where;
    attributes = attributes == null ? List.of() : List.copyOf(attributes);
    order = order == null ? List.of() : List.copyOf(order);
    if (limit != null && limit < 0) {
      throw new InvalidQueryException("limit", "limit must be 0 or more, was " + limit);
    }
    if (offset != null && offset < 0) {
      throw new InvalidQueryException("offset", "offset must be 0 or more, was " + offset);
    }
  }

  public static FindOptions where(Where where) {
    return new FindOptions(where, null, null, null, null);
  }

  public static FindOptions all() {
    return where(Where.ALL);
  }

  public FindOptions attributes(String... names) {
    return new FindOptions(where, List.of(names), order, limit, offset);
  }

  public FindOptions order(Sort... sorts) {
    return new FindOptions(where, attributes, List.of(sorts), limit, offset);
  }

  public FindOptions limit(Integer newLimit, Long newOffset) {
    return new FindOptions(where, attributes, order, newLimit, newOffset);
  }
}
