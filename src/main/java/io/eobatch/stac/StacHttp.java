package io.eobatch.stac;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.eobatch.raster.io.HttpGate;

/**
 * Fetches JSON documents from {@code file:} and {@code http(s):} URLs with java.net.http; every failure is a
 * {@link StacException} naming the URL (and the HTTP status, or the line and column of a JSON syntax error).
 * Every http(s) request runs once through the {@link HttpGate} in force (the application's gate applies the
 * limits of the host's account; a gate that refuses to wait longer makes a failure without HTTP status, which
 * callers treat as transient); {@code file:} URLs do not.
 */
final class StacHttp {

    private static final Logger LOG = Logger.getLogger(StacHttp.class.getName());
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private final StacOptions options;
    private volatile HttpClient client;

    StacHttp(StacOptions options) {
        this.options = options;
    }

    StacOptions options() {
        return options;
    }

    /** GET a JSON object. */
    JsonObject get(URI url) {
        return send("GET", url, null, Map.of(), false);
    }

    /** GET a JSON object, or null when the server answers 404 (or the file does not exist). */
    JsonObject getIfFound(URI url) {
        return send("GET", url, null, Map.of(), true);
    }

    /** POST a JSON body and read a JSON object. */
    JsonObject post(URI url, JsonObject body, Map<String, String> headers) {
        return send("POST", url, body, headers, false);
    }

    private JsonObject send(String method, URI url, JsonObject body, Map<String, String> headers, boolean allow404) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            if (body != null) {
                throw new StacException(url, null, method + " with a body is not possible on a file: URL");
            }
            return readFile(url, allow404);
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new StacException(url, null, "unsupported URL scheme \"" + scheme + "\" (file, http and https are)");
        }
        HttpRequest.Builder rb = HttpRequest.newBuilder(url)
                .timeout(options.requestTimeout())
                .header("Accept", "application/geo+json, application/json;q=0.9")
                .header("User-Agent", "eobatch-stac");
        options.headers().forEach(rb::header);
        headers.forEach(rb::setHeader);
        if (body != null) {
            rb.header("Content-Type", "application/json");
            rb.method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            rb.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest request = rb.build();
        HttpGate gate = HttpGate.current();
        HttpResponse<String> response;
        try {
            response = gate.send(url, () -> {
                long t0 = System.nanoTime();
                HttpResponse<String> r = client().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                gate.answered(url, r.statusCode(), r.headers());
                if (LOG.isLoggable(Level.FINE)) {
                    LOG.fine(String.format("%s %s -> %d in %d ms", method, url, r.statusCode(),
                            (System.nanoTime() - t0) / 1_000_000));
                }
                return r;
            });
        } catch (HttpTimeoutException e) {
            throw new StacException(url, null, method + " timed out (request timeout " + options.requestTimeout()
                    + ", connect timeout " + options.connectTimeout() + ")", e);
        } catch (IOException e) {
            throw new StacException(url, null, method + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StacException(url, null, method + " interrupted", e);
        }
        int status = response.statusCode();
        if (status == 404 && allow404) {
            return null;
        }
        if (status < 200 || status >= 300) {
            throw StacException.http(method, url, status, response.body());
        }
        return parse(response.body(), url);
    }

    private JsonObject readFile(URI url, boolean allow404) {
        Path path;
        try {
            path = Path.of(url);
        } catch (IllegalArgumentException e) {
            throw new StacException(url, null, "not a usable file URL: " + e.getMessage(), e);
        }
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            if (allow404) {
                return null;
            }
            throw new StacException(url, null, "file not found", e);
        } catch (IOException e) {
            throw new StacException(url, null, "cannot read: " + e, e);
        }
        return parse(text, url);
    }

    /** Parses a JSON document that must be an object. */
    static JsonObject parse(String text, URI url) {
        JsonValue v;
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            v = reader.readValue();
        } catch (JsonParsingException e) {
            JsonLocation l = e.getLocation();
            String where = l == null ? "" : " at line " + l.getLineNumber() + ", column " + l.getColumnNumber();
            throw new StacException(url, null, "invalid JSON" + where + ": " + e.getMessage(), e);
        } catch (JsonException | IllegalStateException e) {
            throw new StacException(url, null, "invalid JSON: " + e.getMessage(), e);
        }
        if (!(v instanceof JsonObject o)) {
            throw new StacException(url, null, "expected a JSON object, found " + JsonFields.describe(v));
        }
        return o;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    // HTTP/1.1: the JDK client's h2c upgrade of a POST /search to a plain-http server can stall.
                    c = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(options.connectTimeout())
                            .followRedirects(HttpClient.Redirect.NORMAL)
                            .build();
                    client = c;
                }
            }
        }
        return c;
    }
}
