package dev.inkwell.app.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Streams an export to the response as the chunks arrive: NDJSON (one JSON object per line) or CSV
 * (RFC 4180: a header line, CRLF, fields quoted where they hold a comma, quote or line break; a JSON
 * document as its JSON text; NULL as an empty field). Nothing is written before the first chunk, so a
 * bad filter still gets its 400 problem; memory holds one chunk ({@code inkwell.export.chunk-size},
 * default 1000 rows). There is no trailer: a client resumes an interrupted export with
 * {@code after=<last id written>}.
 */
@Component
public class Exporter {

  private final JsonMapper json;
  private final CsvMapper csv = CsvMapper.builder().build();
  private final int chunkSize;
  private final int maxSnapshots;
  /**
   * A snapshot export holds a pooled connection for as long as its client reads: a few slow readers
   * would hold the whole pool. Other exports take one only while a chunk is read.
   */
  private final Semaphore snapshots;

  public Exporter(JsonMapper json, @Value("${inkwell.export.chunk-size:1000}") int chunkSize,
      @Value("${inkwell.export.max-snapshots:1}") int maxSnapshots) {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("inkwell.export.chunk-size must be at least 1, was " + chunkSize);
    }
    if (maxSnapshots < 0) {
      throw new IllegalArgumentException("inkwell.export.max-snapshots must be at least 0, was " + maxSnapshots);
    }
    this.json = json;
    this.chunkSize = chunkSize;
    this.maxSnapshots = maxSnapshots;
    this.snapshots = new Semaphore(maxSnapshots);
  }

  public int chunkSize() {
    return chunkSize;
  }

  /**
   * Runs {@code export} (which hands rows to its sink, chunk by chunk) and writes them as
   * {@code name.ndjson} or {@code name.csv}. {@code columns}: the fields, in order, when none are asked for.
   */
  public <T> void write(HttpServletResponse response, String name, ExportRequest request, List<String> columns,
      Consumer<Consumer<List<T>>> export) throws IOException {
    List<String> fields = request.query().options().attributes();
    List<String> header = fields.isEmpty() ? columns : fields;
    Output output = new Output(response, name, request.format(), header);
    if (request.snapshot() && !snapshots.tryAcquire()) {
      throw new SnapshotExportsBusyException(maxSnapshots);
    }
    try {
      export.accept(rows -> output.write(rows, fields));
      output.finish();
    } catch (UncheckedIOException e) {
      throw e.getCause(); // the client went away
    } finally {
      if (request.snapshot()) {
        snapshots.release();
      }
    }
  }

  private final class Output {
    private final HttpServletResponse response;
    private final String name;
    private final ExportRequest.Format format;
    private final List<String> header;
    private OutputStream out;
    private SequenceWriter csvRows;

    Output(HttpServletResponse response, String name, ExportRequest.Format format, List<String> header) {
      this.response = response;
      this.name = name;
      this.format = format;
      this.header = header;
    }

    void write(List<?> rows, List<String> fields) {
      try {
        start();
        for (Object row : rows) {
          if (format == ExportRequest.Format.NDJSON) {
            out.write(json.writeValueAsBytes(Attributes.project(row, fields, json)));
            out.write('\n');
          } else {
            csvRows.write(csvRow(json.valueToTree(row)));
          }
        }
        if (csvRows != null) {
          csvRows.flush();
        }
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private String[] csvRow(JsonNode row) {
      String[] values = new String[header.size()];
      for (int i = 0; i < values.length; i++) {
        JsonNode value = row.get(header.get(i));
        values[i] = value == null || value.isNull() ? null : value.isContainer() ? value.toString()
            : value.isString() ? notAFormula(value.asString()) : value.asString();
      }
      return values;
    }

    private void start() throws IOException {
      if (out != null) {
        return;
      }
      response.setContentType(format.mediaType + ";charset=UTF-8");
      response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
          ContentDisposition.attachment().filename(name + "." + format.extension).build().toString());
      out = response.getOutputStream();
      if (format == ExportRequest.Format.CSV) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        header.forEach(schema::addColumn);
        csvRows = csv.writer(schema.build()).writeValues(out);
      }
    }

    void finish() throws IOException {
      start(); // an export of nothing still has its headers (and a CSV its header line)
      if (csvRows != null) {
        csvRows.close();
      }
      out.flush();
    }
  }

  /**
   * Text that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage
   * return: OWASP's CSV injection) gets a leading apostrophe, which spreadsheets show as text. Only
   * text: numbers stay numbers (-5), and the NDJSON export is never changed.
   */
  static String notAFormula(String text) {
    return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
  }
}
