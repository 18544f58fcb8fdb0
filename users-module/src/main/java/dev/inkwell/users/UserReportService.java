package dev.inkwell.users;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.users.UserReports.AgeRank;
import dev.inkwell.users.UserReports.MetadataValue;
import dev.inkwell.users.UserReports.NameAge;
import dev.inkwell.users.internal.UserReportMapper;
import tools.jackson.databind.json.JsonMapper;

/** The guide's advanced SQL on users: window functions, a CTE, DISTINCT ON, bound parameters, JSONB. */
@Service
public class UserReportService {

  private final UserReportMapper mapper;

  public UserReportService(UserReportMapper mapper) {
    this.mapper = mapper;
  }

  /** Every user ranked by age, oldest first: row number (ties by id), rank and dense rank. */
  public List<AgeRank> rankedByAge() {
    return mapper.selectRankedByAge();
  }

  /** The guide's CTE: active users' name and age, youngest first (then by name). */
  public List<NameAge> active() {
    return mapper.selectActive();
  }

  /** DISTINCT ON (age): per age, the user whose name sorts first. */
  public List<NameAge> firstPerAge() {
    return mapper.selectFirstPerAge();
  }

  /** The guide's {@code age > $1 AND age < $2}, by id. */
  public List<User> ageBetween(int min, int max) {
    return mapper.selectAgeBetween(min, max);
  }

  /**
   * {@code metadata -> key} and {@code metadata ->> key} of every user, or of those whose metadata
   * contains {@code contains} ({@code @>}; null for all), by id.
   */
  public List<MetadataValue> metadata(String key, Map<String, Object> contains) {
    if (key == null || key.isBlank()) {
      throw new InvalidQueryException("key", "key is required");
    }
    String containsJson = contains == null ? null : JsonMapper.shared().writeValueAsString(contains);
    return mapper.selectMetadata(key, containsJson).stream()
        .map(r -> new MetadataValue(r.id(), r.name(), r.json() == null ? null : JsonMapper.shared().readValue(r.json(), Object.class),
            r.text()))
        .toList();
  }
}
