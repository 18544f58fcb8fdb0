package dev.inkwell.compat;

import java.util.ArrayList;
import java.util.List;

/** Every check, in the guide's seven categories plus DB9's documented limits and replication, in the order they run. */
public final class CompatSuite {

  public static final List<String> CATEGORIES = List.of(ConnectionChecks.CATEGORY, CrudChecks.CATEGORY,
      AssociationChecks.CATEGORY, TransactionChecks.CATEGORY, AdvancedSqlChecks.CATEGORY, VectorChecks.CATEGORY, SearchChecks.CATEGORY,
      DdlChecks.CATEGORY, LimitChecks.CATEGORY, ReplicationChecks.CATEGORY);

  private CompatSuite() {
  }

  public static List<Check> checks() {
    List<Check> all = new ArrayList<>();
    all.addAll(ConnectionChecks.all());
    all.addAll(CrudChecks.all());
    all.addAll(AssociationChecks.all());
    all.addAll(TransactionChecks.all());
    all.addAll(AdvancedSqlChecks.all());
    all.addAll(VectorChecks.all());
    all.addAll(SearchChecks.all());
    all.addAll(DdlChecks.all());
    all.addAll(LimitChecks.all());
    all.addAll(ReplicationChecks.all());
    return all;
  }
}
