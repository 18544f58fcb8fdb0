package dev.inkwell.app.web;

import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.Validator;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;

import dev.inkwell.query.InvalidQueryException;

/**
 * A PATCH body's values checked by the constraints on the same properties of the entity's create
 * body ({@code NewUser}, {@code NewPost}): a change may not set what a create would refuse (a blank
 * name, an email that is none). Nulls, values of another type and names that are not properties are
 * left to the module's own checks of the change, which name them.
 */
public final class PatchBodies {

  private PatchBodies() {
  }

  public static void check(Validator validator, Class<?> createBody, Map<String, Object> changes) {
    if (changes == null) {
      return;
    }
    BeanDescriptor bean = validator.getConstraintsForClass(createBody);
    // In name order, so that the error named first does not depend on the body's order.
    new TreeMap<>(changes).forEach((name, value) -> {
      PropertyDescriptor property = bean.getConstraintsForProperty(name);
      if (value == null || property == null || !property.getElementClass().isInstance(value)) {
        return;
      }
      validator.validateValue(createBody, name, value).stream().findFirst().ifPresent(violation -> {
        throw new InvalidQueryException(name, name + ": " + violation.getMessage());
      });
    });
  }
}
