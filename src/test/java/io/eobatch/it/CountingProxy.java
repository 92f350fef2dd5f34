package io.eobatch.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay on 127.0.0.1 (a free port) to the server under test that counts what passes: the bytes the server
 * sent (headers and bodies, as on the wire) and the requests the client made, with the bytes their {@code Range}
 * headers asked for (the clients measured send GETs and HEADs without bodies, so a request is its head). Threads
 * per connection; {@link #close()} ends them all.
 */
final class CountingProxy implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final AtomicLong fromServer = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong rangeBytes = new AtomicLong();
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    CountingProxy(String host, int port) throws IOException {
        this.target = new InetSocketAddress(host, port);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "counting-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    /** The proxy's base URL, e.g. {@code http://127.0.0.1:41234}. */
    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    long bytesFromServer() {
        return fromServer.get();
    }

    long requests() {
        return requests.get();
    }

    /** The bytes the requests' single {@code bytes=a-b} ranges asked for. */
    long rangeBytes() {
        return rangeBytes.get();
    }

    /** The Range headers sent, in order (for messages). */
    List<String> ranges() {
        return List.copyOf(ranges);
    }

    /** A request head: counted, and its {@code Range: bytes=a-b} added up. */
    private void head(String head) {
        requests.incrementAndGet();
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "Range:", 0, 6)) {
                String r = line.substring(6).strip();
                ranges.add(r);
                Matcher m = RANGE.matcher(r);
                if (m.matches()) {
                    rangeBytes.addAndGet(Long.parseLong(m.group(2)) - Long.parseLong(m.group(1)) + 1);
                }
            }
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(server);
                pump(client.getInputStream(), server.getOutputStream(), null, this::head);
                pump(server.getInputStream(), client.getOutputStream(), fromServer, null);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Copies {@code in} to {@code out} on a thread, adding up the bytes, or handing on each request head. */
    private static void pump(InputStream in, OutputStream out, AtomicLong bytes, Consumer<String> heads) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            StringBuilder head = new StringBuilder();
            int state = 0; // CR LF CR LF matched so far
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    if (bytes != null) {
                        bytes.addAndGet(n);
                    }
                    if (heads != null) {
                        for (int i = 0; i < n; i++) {
                            byte c = buf[i];
                            head.append((char) (c & 0xff));
                            state = (c == '\r' && (state == 0 || state == 2)) ? state + 1
                                    : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : (c == '\r' ? 1 : 0);
                            if (state == 4) {
                                heads.accept(head.toString());
                                head.setLength(0);
                                state = 0;
                            }
                        }
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side closed
            } finally {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "counting-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
