package dev.inkwell.load;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar inkwell-load.jar --url http://127.0.0.1:8080[,http://127.0.0.1:8081] [--token T] [--clients 32] [--seconds 60]}:
 * a bounded mixed read/write load against a running service, or several instances of it in turn
 * (creates, upserts, user-with-post units, eager loads, searches, tag changes, KNN), then a check that
 * the database holds exactly what the successful responses claimed. Like a client of a service with a
 * read replica should, each client sends back the position of its last write
 * ({@code Inkwell-Commit-LSN} → {@code Inkwell-Min-LSN}), and the check the highest one. Prints one JSON report; exit code 0 when there was no 5xx and every
 * check held. Loopback targets only: this is a test tool, not a traffic generator for other hosts.
 */
public final class LoadGenerator {

  private record Sample(int status, long nanos) {
  }

  private record Unit(int userId, String email, int postId) {
  }

  private LoadGenerator() {
  }

  static final String USAGE = """
      Usage: java -jar inkwell-load.jar [--url URL] [--token TOKEN] [--clients N] [--seconds S]

      Mixed read/write load against a running service (loopback only), then checks that the database
      holds exactly what the successful responses claimed. Prints a JSON report.
        --url URL      the service (default http://127.0.0.1:8080); several, comma-separated, in turn
        --token TOKEN  its bearer token, if it has one
        --clients N    concurrent clients (default 32)
        --seconds S    how long (default 60)
      Exit code: 0 when there was no 5xx and every check held, 1 otherwise, 2 for bad options.
      """;

  private static final Set<String> OPTIONS = Set.of("url", "token", "clients", "seconds");

  public static void main(String[] args) throws Exception {
    System.exit(main(args, System.out, System.err));
  }

  /** {@code --help}, unknown or incomplete options (exit code 2), else the run and its report. */
  static int main(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      out.print(USAGE);
      return 0;
    }
    Map<String, String> options;
    try {
      options = options(args);
    } catch (IllegalArgumentException e) {
      err.println("inkwell-load: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    Map<String, Object> report = run(options);
    out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(report));
    return Boolean.TRUE.equals(report.get("ok")) ? 0 : 1;
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>(Map.of("url", "http://127.0.0.1:8080", "clients", "32", "seconds", "60"));
    for (int i = 0; i < args.length; i++) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : "";
      if (!OPTIONS.contains(name) || i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown or incomplete option '" + args[i] + "'");
      }
      options.put(name, args[++i]);
    }
    for (String number : List.of("clients", "seconds")) {
      if (!options.get(number).matches("[1-9][0-9]{0,5}")) {
        throw new IllegalArgumentException("--" + number + " takes a positive whole number, got '" + options.get(number) + "'");
      }
    }
    return options;
  }

  public static Map<String, Object> run(Map<String, String> options) throws Exception {
    List<URI> bases = new ArrayList<>();
    for (String url : options.get("url").split(",")) {
      URI base = URI.create(url.strip());
      if (!java.net.InetAddress.getByName(base.getHost()).isLoopbackAddress()) {
        throw new IllegalArgumentException("load targets loopback addresses only, got " + base.getHost());
      }
      bases.add(base);
    }
    int clients = Integer.parseInt(options.get("clients"));
    long seconds = Long.parseLong(options.get("seconds"));
    String token = options.get("token");
    String run = "load-" + Long.toHexString(System.nanoTime());
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Api api = new Api(http, bases, token, new AtomicInteger(), new java.util.concurrent.atomic.AtomicLong());

    api.send("POST", "/api/embeddings/bulk", vectors(new Random(1), run, 50));
    ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    Set<String> claimedEmails = ConcurrentHashMap.newKeySet();
    Map<Integer, String> claimedUsers = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<Unit> units = new ConcurrentLinkedQueue<>();
    AtomicInteger sequence = new AtomicInteger();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    for (int c = 0; c < clients; c++) {
      int client = c;
      pool.submit(() -> {
        Random random = new Random(client);
        Api mine = api.client();
        while (System.nanoTime() < end) {
          int n = sequence.incrementAndGet();
          int dice = random.nextInt(100);
          long start = System.nanoTime();
          Api.Response r;
          if (dice < 20) {
            String email = run + "-c" + n + "@load.test";
            r = mine.send("POST", "/api/users", "{\"email\": \"" + email + "\", \"name\": \"Created " + n + "\", \"age\": " + (n % 90) + "}");
            if (r.status() == 201) {
              claimedEmails.add(email);
              claimedUsers.put(r.body().get("id").asInt(), email);
            }
          } else if (dice < 30) {
            String email = run + "-u" + random.nextInt(50) + "@load.test";
            r = mine.send("PUT", "/api/users/by-email/" + email, "{\"name\": \"Upserted " + n + "\", \"age\": 30}");
            if (r.status() == 200 || r.status() == 201) {
              claimedEmails.add(email);
              claimedUsers.put(r.body().get("user").get("id").asInt(), email);
            }
          } else if (dice < 40) {
            String email = run + "-w" + n + "@load.test";
            r = mine.send("POST", "/api/users/with-post", "{\"user\": {\"email\": \"" + email + "\", \"name\": \"Writer\"}, "
                + "\"post\": {\"title\": \"Post " + n + "\", \"content\": \"x\"}}");
            if (r.status() == 201) {
              claimedEmails.add(email);
              int userId = r.body().get("id").asInt();
              claimedUsers.put(userId, email);
              units.add(new Unit(userId, email, r.body().get("posts").get(0).get("id").asInt()));
            }
          } else if (dice < 60) {
            Integer id = any(claimedUsers.keySet(), random);
            r = mine.send("GET", "/api/users/" + (id == null ? 1 : id) + "?include=posts.tags", null);
          } else if (dice < 75) {
            r = mine.send("POST", "/api/users/search", "{\"where\": {\"age\": {\"$gte\": " + random.nextInt(90)
                + "}, \"email\": {\"$endsWith\": \"@load.test\"}}, \"order\": [[\"age\", \"DESC\"]], \"limit\": 10}");
          } else if (dice < 85) {
            Unit unit = any(units, random);
            r = unit == null ? mine.send("GET", "/api/tags", null)
                : mine.send("POST", "/api/posts/" + unit.postId() + "/tags", "{\"names\": [\"" + run + "-t" + random.nextInt(10) + "\"]}");
          } else {
            r = mine.send("POST", "/api/embeddings/search", "{\"vector\": [" + random.nextFloat() + ", " + random.nextFloat() + ", "
                + random.nextFloat() + "], \"metric\": \"cosine\", \"k\": 5}");
          }
          samples.add(new Sample(r.status(), System.nanoTime() - start));
        }
        return null;
      });
    }
    pool.shutdown();
    if (!pool.awaitTermination(seconds + 60, TimeUnit.SECONDS)) {
      pool.shutdownNow();
    }
    return report(api, run, seconds, samples, claimedEmails, claimedUsers, units);
  }

  private static Map<String, Object> report(Api api, String run, long seconds, ConcurrentLinkedQueue<Sample> samples,
      Set<String> claimedEmails, Map<Integer, String> claimedUsers, ConcurrentLinkedQueue<Unit> units) {
    long[] nanos = samples.stream().mapToLong(Sample::nanos).sorted().toArray();
    Map<Integer, Integer> statuses = new java.util.TreeMap<>();
    samples.forEach(s -> statuses.merge(s.status(), 1, Integer::sum));
    long fiveXX = samples.stream().filter(s -> s.status() >= 500 || s.status() < 0).count();

    // What the successful responses claimed, checked through the API against the database, from past
    // the last write any client saw acknowledged.
    long stored = api.send("GET", "/api/users?email[$startsWith]=" + run + "&size=1", null).body().get("total").asLong();
    List<Integer> ids = new ArrayList<>(claimedUsers.keySet());
    java.util.Collections.shuffle(ids, new Random(7));
    List<String> mismatches = new ArrayList<>();
    for (Integer id : ids.subList(0, Math.min(25, ids.size()))) {
      Api.Response r = api.send("GET", "/api/users/" + id, null);
      if (r.status() != 200 || !claimedUsers.get(id).equals(r.body().get("email").asString())) {
        mismatches.add("user " + id);
      }
    }
    for (Unit unit : units) {
      Api.Response r = api.send("GET", "/api/users/" + unit.userId() + "?include=posts", null);
      if (r.status() != 200 || r.body().get("posts").size() != 1 || r.body().get("posts").get(0).get("id").asInt() != unit.postId()) {
        mismatches.add("unit of user " + unit.userId());
      }
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("requests", samples.size());
    report.put("seconds", seconds);
    report.put("requestsPerSecond", Math.round(samples.size() * 10.0 / seconds) / 10.0);
    report.put("p50Ms", nanos.length == 0 ? 0 : Math.round(nanos[nanos.length / 2] / 1e4) / 100.0);
    report.put("p99Ms", nanos.length == 0 ? 0 : Math.round(nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e4) / 100.0);
    report.put("statuses", statuses);
    report.put("fiveXX", fiveXX);
    report.put("claimedUsers", claimedEmails.size());
    report.put("storedUsers", stored);
    report.put("userWithPostUnits", units.size());
    report.put("mismatches", mismatches);
    report.put("ok", fiveXX == 0 && stored == claimedEmails.size() && mismatches.isEmpty() && !samples.isEmpty());
    return report;
  }

  private static <T> T any(java.util.Collection<T> items, Random random) {
    int size = items.size();
    if (size == 0) {
      return null;
    }
    int skip = random.nextInt(size);
    for (T item : items) {
      if (skip-- == 0) {
        return item;
      }
    }
    return null;
  }

  private static String vectors(Random random, String run, int n) {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add("{\"name\": \"" + run + "-v" + i + "\", \"embedding\": " + Arrays.toString(new float[] {random.nextFloat(),
          random.nextFloat(), random.nextFloat()}) + "}");
    }
    return "[" + String.join(",", items) + "]";
  }

  /**
   * A minimal JSON-over-HTTP client; a transport failure counts as status -1. Requests go to the
   * instances in turn. {@link #client()}: one client's own view, which sends back the position of its
   * last write; the shared one sends the highest any client saw.
   */
  private record Api(HttpClient http, List<URI> bases, String token, AtomicInteger turn, java.util.concurrent.atomic.AtomicLong highest,
      long[] own) {

    Api(HttpClient http, List<URI> bases, String token, AtomicInteger turn, java.util.concurrent.atomic.AtomicLong highest) {
      this(http, bases, token, turn, highest, null);
    }

    record Response(int status, JsonNode body) {
    }

    Api client() {
      return new Api(http, bases, token, turn, highest, new long[1]);
    }

    Response send(String method, String path, String json) {
      URI base = bases.get(Math.floorMod(turn.getAndIncrement(), bases.size()));
      HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
          .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
      if (json != null) {
        request.header("Content-Type", "application/json");
      }
      if (token != null && !token.isBlank()) {
        request.header("Authorization", "Bearer " + token);
      }
      long required = own != null ? own[0] : highest.get();
      if (required != 0) {
        request.header("Inkwell-Min-LSN", Long.toHexString(required >>> 32).toUpperCase() + "/" + Long.toHexString(required & 0xFFFFFFFFL).toUpperCase());
      }
      try {
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        r.headers().firstValue("Inkwell-Commit-LSN").ifPresent(this::wrote);
        JsonNode body = null;
        if (r.body() != null && !r.body().isBlank()) {
          try {
            body = JsonMapper.shared().readTree(r.body());
          } catch (RuntimeException notJson) {
            body = null;
          }
        }
        return new Response(r.statusCode(), body);
      } catch (Exception e) {
        return new Response(-1, null);
      }
    }

    /** PostgreSQL's "hi/lo" hexadecimal position, kept if it is past the last one. */
    private void wrote(String lsn) {
      String[] halves = lsn.split("/");
      long position = (Long.parseLong(halves[0], 16) << 32) | Long.parseLong(halves[1], 16);
      if (own != null && Long.compareUnsigned(position, own[0]) > 0) {
        own[0] = position;
      }
      highest.accumulateAndGet(position, (a, b) -> Long.compareUnsigned(a, b) >= 0 ? a : b);
    }
  }
}
