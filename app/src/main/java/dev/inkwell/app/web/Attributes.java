package dev.inkwell.app.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** A response for Sequelize's {@code attributes}: only the requested keys, in the requested order. */
public final class Attributes {

  private Attributes() {
  }

  /** {@code item} itself when no attributes were asked for, else a map of just those. */
  public static Object project(Object item, List<String> attributes, JsonMapper json) {
    if (attributes.isEmpty()) {
      return item;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> all = json.convertValue(item, Map.class);
    Map<String, Object> selected = new LinkedHashMap<>();
    attributes.forEach(name -> selected.put(name, all.get(name)));
    return selected;
  }
}
