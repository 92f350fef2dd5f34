package io.eobatch.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import io.eobatch.outbound.OutboundLimits;
import io.eobatch.outbound.OutboundPolicy;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Servers on 127.0.0.1 that misbehave in the ways the outbound rules guard against, for the unit tests: a JDK
 * {@link HttpServer} whose handlers the test gives (and which records every request's path and headers), and a raw
 * socket server that sends its headers and then stalls (the JDK server cannot hold back a body it was told about).
 *
 * <p>A test gets a fresh server for each test method, stopped after it, with
 * {@code @RegisterExtension final Misbehaving.Server server = new Misbehaving.Server();}.
 */
public final class Misbehaving {

    private Misbehaving() {
    }

    /** What a server received: path and headers (lower-case names) of each request. */
    public record Received(String method, String path, Map<String, List<String>> headers) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /**
     * The policy of catalog {@code t} configured at {@code root}: the root's origin plus {@code hosts}, more named in
     * {@code eobatch.catalog.t.allowed-hosts}.
     */
    public static OutboundPolicy catalogPolicy(URI root, OutboundLimits limits, String... hosts) {
        return OutboundPolicy.forRoot("catalog t", "eobatch.catalog.t.allowed-hosts", root, List.of(hosts), limits);
    }

    /**
     * An HTTP server on 127.0.0.1 (ephemeral port) that records what it receives; as a JUnit extension, stopped after
     * each test.
     */
    public static final class Server implements AutoCloseable, AfterEachCallback {
        final HttpServer http;
        public final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
        public final AtomicLong bytesWritten = new AtomicLong();

        public Server() {
            try {
                http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            http.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "misbehaving-server");
                t.setDaemon(true);
                return t;
            }));
            http.start();
        }

        public int port() {
            return http.getAddress().getPort();
        }

        /** http://127.0.0.1:port + path. */
        public URI url(String path) {
            return URI.create("http://127.0.0.1:" + port() + path);
        }

        /** {@link Misbehaving#catalogPolicy} of a catalog on this server ({@code /catalog.json}). */
        public OutboundPolicy catalogPolicy(OutboundLimits limits, String... hosts) {
            return Misbehaving.catalogPolicy(url("/catalog.json"), limits, hosts);
        }

        /** http://localhost:port + path: the same server under another host name (another origin). */
        public URI otherHost(String path) {
            return URI.create("http://localhost:" + port() + path);
        }

        public Server on(String path, HttpHandler h) {
            http.createContext(path, ex -> {
                received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().toString(),
                        Map.copyOf(ex.getRequestHeaders())));
                try {
                    h.handle(ex);
                } finally {
                    ex.close();
                }
            });
            return this;
        }

        /** A 302 (or another status) to {@code location}. */
        public Server redirect(String path, int status, String location) {
            return on(path, ex -> {
                ex.getResponseHeaders().add("Location", location);
                ex.sendResponseHeaders(status, -1);
            });
        }

        public Server text(String path, int status, String body) {
            return on(path, ex -> {
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(b);
                }
            });
        }

        /**
         * Answers {@code status} with a body that never ends (chunked, no length) or, with {@code declared > 0}, that
         * declares {@code declared} bytes; writes 64 KiB blocks until the client hangs up, counting them.
         */
        public Server endless(String path, int status, long declared) {
            return on(path, ex -> {
                ex.getResponseHeaders().add("Content-Type", "image/tiff");
                ex.sendResponseHeaders(status, declared > 0 ? declared : 0);
                byte[] block = new byte[64 * 1024];
                try (OutputStream out = ex.getResponseBody()) {
                    for (long sent = 0; declared <= 0 || sent < declared; sent += block.length) {
                        out.write(block);
                        bytesWritten.addAndGet(block.length);
                    }
                } catch (IOException e) {
                    // the client hung up: what the test wants
                }
            });
        }

        /**
         * The bytes written by {@link #endless} handlers once they stop growing (the handler stops when the client
         * hangs up), polled for at most {@code seconds}.
         */
        public long bytesWrittenOnceQuiet(int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long last = -1;
            while (System.nanoTime() < deadline && bytesWritten.get() != last) {
                last = bytesWritten.get();
                Thread.sleep(200); // a poll with a deadline: the server's writes end when the client hangs up
            }
            return bytesWritten.get();
        }

        public List<Received> requests(String pathPrefix) {
            return received.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
        }

        @Override
        public void afterEach(ExtensionContext context) {
            close();
        }

        @Override
        public void close() {
            http.stop(0);
            ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
        }
    }

    /**
     * A raw socket server on 127.0.0.1 that reads a request, sends {@code head} (status line and headers, a
     * Content-Length larger than what follows) and {@code firstBytes} of body, then holds the connection open without
     * sending more until closed.
     */
    public static final class Staller implements AutoCloseable {
        final ServerSocket socket;
        final List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CountDownLatch closed = new CountDownLatch(1);
        final Thread acceptor;

        public Staller(String head, byte[] firstBytes) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        held.add(s);
                        InputStream in = s.getInputStream();
                        // read the request head (up to the blank line)
                        int state = 0;
                        while (state < 4) {
                            int c = in.read();
                            if (c < 0) {
                                break;
                            }
                            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
                                    ? state + 1 : 0;
                        }
                        OutputStream out = s.getOutputStream();
                        out.write(head.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.write(firstBytes);
                        out.flush();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "staller");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        public URI url(String path) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
        }

        /** Whether the client dropped the held connection (a read on it sees the end) within {@code millis}. */
        public boolean clientHungUp(long millis) throws IOException {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            for (Socket s : held) {
                while (System.nanoTime() < end) {
                    s.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
                    try {
                        if (s.getInputStream().read() < 0) {
                            return true;
                        }
                    } catch (java.net.SocketTimeoutException e) {
                        return false;
                    } catch (IOException e) {
                        return true; // reset by the client
                    }
                }
            }
            return false;
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
