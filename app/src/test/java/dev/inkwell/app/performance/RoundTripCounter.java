package dev.inkwell.app.performance;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback proxy in front of PostgreSQL that counts round trips: the messages after which the
 * client waits for the server (every Sync of the extended protocol, every simple Query but the BEGIN
 * pgjdbc sends in one batch with the statement after it).
 */
final class RoundTripCounter implements AutoCloseable {

  private static final int SSL_REQUEST = 80877103;
  private static final int GSS_REQUEST = 80877104;
  /** The text of HikariCP's connection test query in RoundTripsTest. */
  static final String ALIVE_CHECK = "inkwell alive check";

  private final String host;
  private final int targetPort;
  private final ServerSocket server;
  private final AtomicInteger roundTrips = new AtomicInteger();

  RoundTripCounter(String host, int targetPort) throws IOException {
    this.host = host;
    this.targetPort = targetPort;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread accept = new Thread(this::accept, "round-trip-counter");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Round trips since the last call. */
  int take() {
    return roundTrips.getAndSet(0);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(host, targetPort);
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        start(() -> copy(upstream.getInputStream(), client.getOutputStream()), client, upstream);
        start(() -> countAndCopy(new DataInputStream(new BufferedInputStream(client.getInputStream())),
            upstream.getOutputStream()), client, upstream);
      } catch (IOException e) {
        // closed
      }
    }
  }

  private interface Pump {
    void run() throws IOException;
  }

  private static void start(Pump pump, Socket a, Socket b) {
    Thread t = new Thread(() -> {
      try {
        pump.run();
      } catch (IOException e) {
        // a side closed
      } finally {
        closeQuietly(a);
        closeQuietly(b);
      }
    }, "round-trip-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void copy(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      out.write(buffer, 0, n);
      out.flush();
    }
  }

  /**
   * Untyped start-up messages (SSL/GSS requests, then the startup packet), then typed messages. Every
   * Sync is a round trip (the driver waits for ReadyForQuery), including one with nothing before it,
   * which pgjdbc sends ahead of a statement it expects a large result from; so is a simple Query,
   * except the BEGIN pgjdbc writes in the same batch as the statement that follows and does not wait
   * for. HikariCP's check of a connection idle for over 500 ms is left out: it depends on timing, not
   * on the route; the test gives it a query of its own ({@link #ALIVE_CHECK}) to be recognised by.
   */
  private void countAndCopy(DataInputStream in, OutputStream out) throws IOException {
    boolean started = false;
    boolean aliveCheck = false;
    while (true) {
      byte type = 0;
      if (started) {
        type = in.readByte();
      }
      int length = in.readInt();
      byte[] body = new byte[length - 4];
      in.readFully(body);
      if (started && type == 'P' && parsedQuery(body).contains(ALIVE_CHECK)) {
        aliveCheck = true;
      }
      // Counted before it is passed on: the answer cannot reach the client, and the test, first.
      if (started && ((type == 'S' && !aliveCheck) || (type == 'Q' && counts(cString(body, 0))))) {
        roundTrips.incrementAndGet();
      }
      if (type == 'S') {
        aliveCheck = false;
      }
      if (started) {
        out.write(type);
      }
      out.write(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
      out.write(body);
      out.flush();
      if (!started) {
        int code = length >= 8 ? ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8) | (body[3] & 0xff) : 0;
        started = code != SSL_REQUEST && code != GSS_REQUEST;
      }
    }
  }

  /** A Parse message: the statement's name, then its query text, each NUL-terminated. */
  private static String parsedQuery(byte[] body) {
    int nameEnd = 0;
    while (body[nameEnd] != 0) {
      nameEnd++;
    }
    return cString(body, nameEnd + 1);
  }

  private static String cString(byte[] body, int from) {
    int end = from;
    while (end < body.length && body[end] != 0) {
      end++;
    }
    return new String(body, from, end - from, StandardCharsets.UTF_8);
  }

  /** The pipelined BEGIN, and an empty query (an older pgjdbc's isValid), do not count. */
  private static boolean counts(String query) {
    return !query.isEmpty() && !query.startsWith("BEGIN");
  }

  @Override
  public void close() {
    closeQuietly(server);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // already closed
    }
  }
}
