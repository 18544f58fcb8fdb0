package dev.inkwell.compat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.util.HtmlUtils;

import dev.inkwell.compat.Outcome.Status;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The results as the guide's table, as JSON and as JUnit XML. */
public record CompatReport(Map<String, Object> server, String schema, List<CompatResult> results) {

  public long count(Status status) {
    return results.stream().filter(r -> r.outcome().status() == status).count();
  }

  public boolean passed() {
    return count(Status.FAIL) == 0;
  }

  private long count(String category, Status status) {
    return results.stream().filter(r -> r.check().category().equals(category) && r.outcome().status() == status).count();
  }

  private long count(String category) {
    return results.stream().filter(r -> r.check().category().equals(category)).count();
  }

  /** Server facts, a table per category, the total line, then every failure, note and skip. */
  public String table() {
    StringBuilder out = new StringBuilder();
    out.append("Inkwell compatibility suite\n");
    server.forEach((k, v) -> out.append(String.format("  %-22s %s%n", k, v)));
    out.append(schema == null ? String.format("  %-22s not created%n%n", "schema")
        : String.format("  %-22s %s (dropped after the run)%n%n", "schema", schema));
    out.append(String.format("%-52s %-6s %6s %6s %6s %6s%n", "Category", "Status", "Passed", "Notes", "Skips", "Fails"));
    for (String category : CompatSuite.CATEGORIES) {
      long total = count(category);
      long ok = count(category, Status.PASS) + count(category, Status.NOTE);
      long fails = count(category, Status.FAIL);
      out.append(String.format("%-52s %-6s %6s %6d %6d %6d%n", category, fails == 0 ? "Pass" : "FAIL", ok + "/" + total,
          count(category, Status.NOTE), count(category, Status.SKIP), fails));
    }
    long ok = count(Status.PASS) + count(Status.NOTE);
    out.append(String.format("%n%d/%d passed (%d with notes, %d skipped, %d failed)%n", ok, results.size(), count(Status.NOTE),
        count(Status.SKIP), count(Status.FAIL)));
    for (Status status : List.of(Status.FAIL, Status.NOTE, Status.SKIP)) {
      results.stream().filter(r -> r.outcome().status() == status)
          .forEach(r -> out.append(String.format("%-7s %s: %s%n", status == Status.FAIL ? "FAILED" : status == Status.NOTE ? "NOTE" : "SKIPPED",
              r.check().id(), r.outcome().detail())));
    }
    return out.toString();
  }

  public String json() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("server", server);
    doc.put("schema", schema);
    doc.put("summary", Map.of("total", results.size(), "passed", count(Status.PASS), "notes", count(Status.NOTE),
        "skipped", count(Status.SKIP), "failed", count(Status.FAIL)));
    doc.put("checks", results.stream().map(r -> {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("category", r.check().category());
      c.put("name", r.check().name());
      c.put("status", r.outcome().status().name().toLowerCase());
      c.put("detail", r.outcome().detail());
      c.put("millis", r.millis());
      return c;
    }).toList());
    return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(doc);
  }

  /** One testsuite per category; a note is a passing test case with the note as its output. */
  public String junit() {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"inkwell-compat\" tests=\"")
        .append(results.size()).append("\" failures=\"").append(count(Status.FAIL)).append("\" skipped=\"")
        .append(count(Status.SKIP)).append("\">\n");
    for (String category : CompatSuite.CATEGORIES) {
      xml.append("  <testsuite name=\"").append(esc(category)).append("\" tests=\"").append(count(category))
          .append("\" failures=\"").append(count(category, Status.FAIL)).append("\" skipped=\"")
          .append(count(category, Status.SKIP)).append("\">\n");
      results.stream().filter(r -> r.check().category().equals(category)).forEach(r -> {
        xml.append("    <testcase classname=\"inkwell.compat\" name=\"").append(esc(r.check().name())).append("\" time=\"")
            .append(r.millis() / 1000.0).append("\"");
        String detail = esc(String.valueOf(r.outcome().detail()));
        switch (r.outcome().status()) {
          case FAIL -> xml.append("><failure message=\"").append(detail).append("\"/></testcase>\n");
          case SKIP -> xml.append("><skipped message=\"").append(detail).append("\"/></testcase>\n");
          case NOTE -> xml.append("><system-out>NOTE: ").append(detail).append("</system-out></testcase>\n");
          default -> xml.append("/>\n");
        }
      });
      xml.append("  </testsuite>\n");
    }
    return xml.append("</testsuites>\n").toString();
  }

  private static String esc(String text) {
    return HtmlUtils.htmlEscape(text);
  }
}
