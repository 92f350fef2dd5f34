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

/**
 * A TCP relay on 127.0.0.1 (a free port) to the server under test that counts what passes: the bytes the server
 * sent (headers and bodies, as on the wire) and the requests the client made (ends of request heads: the clients
 * measured send GETs without bodies). Threads per connection; {@link #close()} ends them all.
 */
final class CountingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final AtomicLong fromServer = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
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

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(server);
                pump(client.getInputStream(), server.getOutputStream(), null, requests);
                pump(server.getInputStream(), client.getOutputStream(), fromServer, null);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Copies {@code in} to {@code out} on a thread, adding the bytes or the request heads (CRLF CRLF) seen. */
    private static void pump(InputStream in, OutputStream out, AtomicLong bytes, AtomicLong heads) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            int state = 0; // CR LF CR LF matched so far
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    if (bytes != null) {
                        bytes.addAndGet(n);
                    }
                    if (heads != null) {
                        for (int i = 0; i < n; i++) {
                            byte c = buf[i];
                            state = (c == '\r' && (state == 0 || state == 2)) ? state + 1
                                    : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : (c == '\r' ? 1 : 0);
                            if (state == 4) {
                                heads.incrementAndGet();
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
