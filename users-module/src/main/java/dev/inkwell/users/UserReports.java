package dev.inkwell.users;

/** The rows of the users reports ({@link UserService}, from UserReportMapper.xml). */
public final class UserReports {

  private UserReports() {
  }

  /** ROW_NUMBER, RANK and DENSE_RANK of a user by age, oldest first. */
  public record AgeRank(Integer id, String name, Integer age, long rowNumber, long rank, long denseRank) {
  }

  public record NameAge(String name, Integer age) {
  }

  /** A metadata key read with {@code ->} (the JSON value) and {@code ->>} (its text). */
  public record MetadataValue(Integer id, String name, Object value, String text) {
  }
}
