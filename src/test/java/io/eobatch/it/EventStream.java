package io.eobatch.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * A reader of a {@code text/event-stream} as a browser's EventSource reads it (fields {@code id}, {@code event},
 * {@code data}; a blank line ends an event; {@code :} lines are comments), over a real HTTP connection that it keeps
 * open on its own thread. Nothing of the server's code.
 */
final class EventStream implements AutoCloseable {

    /** One event as the stream carried it. */
    record Event(String id, String type, String data) {
        JsonObject json() {
            try (var r = Json.createReader(new StringReader(data))) {
                return r.readObject();
            }
        }

        long execution() {
            return json().getJsonNumber("execution").longValue();
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Event> seen = new ArrayList<>();
    private final HttpResponse<InputStream> response;
    private final Thread reader;
    private volatile int comments;

    private EventStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-reader");
        this.reader.setDaemon(true);
        if (response.statusCode() == 200) {
            this.reader.start();
        }
    }

    /** Opens {@code path} as {@code client}'s user, with {@code lastEventId} unless null. */
    static EventStream open(Api.Client client, String path, String lastEventId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(Api.uri(path)).GET().header("Accept", "text/event-stream");
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        try {
            return new EventStream(HTTP.send(client.authorize(b).build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The body of a refused stream (a problem+json). */
    String errorBody() throws IOException {
        return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** The next event that matches {@code wanted} (the others are kept in {@link #seen}), or fails at the deadline. */
    Event next(Predicate<Event> wanted, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            Event e = left <= 0 ? null : events.poll(left, TimeUnit.MILLISECONDS);
            if (e == null) {
                throw new AssertionError("no such event within " + timeout + "; seen: " + seen());
            }
            if (wanted.test(e)) {
                return e;
            }
        }
    }

    /** Every event read so far, in order. */
    synchronized List<Event> seen() {
        return List.copyOf(seen);
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String type = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) {
                    if (type != null || data.length() > 0) {
                        Event e = new Event(id, type == null ? "message" : type, data.toString());
                        synchronized (this) {
                            seen.add(e);
                        }
                        events.add(e);
                    }
                    id = null;
                    type = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments++;
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> type = value;
                        case "data" -> data.append(data.length() > 0 ? "\n" : "").append(value);
                        default -> { }
                    }
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already closed
        }
    }
}
