-- Prints one JSON line per run: requests/s, p50, p99 (ms), non-2xx responses, socket errors, requests.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format('{"route": "%s", "requestsPerSecond": %.0f, "p50Ms": %.2f, "p99Ms": %.2f, "non2xx": %d, "socketErrors": %d, "requests": %d}\n',
    os.getenv("ROUTE") or "?", summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.status, errors, summary.requests))
end
