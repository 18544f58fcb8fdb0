package dev.inkwell.users.internal;

import java.util.List;

import dev.inkwell.users.NewUser;
import tools.jackson.databind.json.JsonMapper;

/**
 * Users to insert in one statement, as one array per column ({@code INSERT ... SELECT FROM unnest(...)}):
 * seven bound parameters whatever the number of rows, where a VALUES list needs seven per row. All
 * users of a batch give the same defaulted columns ({@code age}, {@code isActive}), so that a column
 * nobody gave is left out and the database fills its default.
 */
public final class UserBatch {

  private final String[] emails;
  private final String[] names;
  private final Integer[] ages;
  private final Boolean[] actives;
  private final String[] bios;
  private final String[] metadata;
  private final String[] phones;

  public UserBatch(List<NewUser> users) {
    int n = users.size();
    emails = new String[n];
    names = new String[n];
    ages = users.get(0).age() == null ? null : new Integer[n];
    actives = users.get(0).isActive() == null ? null : new Boolean[n];
    bios = new String[n];
    metadata = new String[n];
    phones = new String[n];
    for (int i = 0; i < n; i++) {
      NewUser u = users.get(i);
      emails[i] = u.email();
      names[i] = u.name();
      if (ages != null) {
        ages[i] = u.age();
      }
      if (actives != null) {
        actives[i] = u.isActive();
      }
      bios[i] = u.bio();
      metadata[i] = u.metadata() == null ? null : JsonMapper.shared().writeValueAsString(u.metadata());
      phones[i] = u.phone();
    }
  }

  /** Which defaulted columns a user gives: users with the same shape share a batch. */
  public static int shape(NewUser user) {
    return (user.age() == null ? 0 : 1) | (user.isActive() == null ? 0 : 2);
  }

  public String[] getEmails() {
    return emails;
  }

  public String[] getNames() {
    return names;
  }

  public Integer[] getAges() {
    return ages;
  }

  public Boolean[] getActives() {
    return actives;
  }

  public String[] getBios() {
    return bios;
  }

  public String[] getMetadata() {
    return metadata;
  }

  public String[] getPhones() {
    return phones;
  }
}
