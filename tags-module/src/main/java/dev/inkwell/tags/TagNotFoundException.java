package dev.inkwell.tags;

import java.util.Collection;

/** One or more tag ids that name no tag. */
public class TagNotFoundException extends RuntimeException {

  public TagNotFoundException(Collection<Integer> ids) {
    super(ids.size() == 1 ? "no tag with id " + ids.iterator().next() : "no tags with ids " + ids);
  }
}
