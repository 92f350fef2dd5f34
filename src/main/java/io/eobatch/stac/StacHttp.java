package io.eobatch.stac;

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
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.eobatch.outbound.BodyTooLargeException;
import io.eobatch.outbound.OutboundException;
import io.eobatch.outbound.OutboundHttp;
import io.eobatch.outbound.OutboundLimits;
import io.eobatch.outbound.OutboundPolicy;
import io.eobatch.outbound.OutboundRefusedException;
import io.eobatch.raster.io.HttpGate;
import io.eobatch.results.JsonValues;

/**
 * Fetches JSON documents from {@code file:} and {@code http(s):} URLs with java.net.http; every failure is a
 * {@link StacException} naming the URL (and the HTTP status, or the line and column of a JSON syntax error).
 * Every http(s) request runs once through the {@link HttpGate} in force (the application's gate applies the
 * limits of the host's account; a gate that refuses to wait longer makes a failure without HTTP status, which
 * callers treat as transient); {@code file:} URLs do not.
 *
 * <p>Every request, and every redirect, follows the {@link OutboundPolicy} of the options ({@link OutboundHttp}):
 * a URL the policy refuses (another host, a {@code file:} href in a remote catalog, a link-local address) is never
 * asked, the whole exchange has one deadline ({@link StacOptions#requestTimeout()}: headers and body), and a document
 * larger than {@link OutboundLimits#maxDocumentBytes()} is refused. Such a refusal is a {@link StacException} whose
 * cause is the {@link OutboundException}.
 */
final class StacHttp {

    private static final Logger LOG = Logger.getLogger(StacHttp.class.getName());
    private static final JsonReaderFactory READERS = JsonValues.JSON.createReaderFactory(Map.of());
    /** Bytes of an error answer kept (its start goes into the exception message). */
    private static final int ERROR_EXCERPT = 4096;

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
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", "application/geo+json, application/json;q=0.9");
        h.put("User-Agent", "eobatch-stac");
        h.putAll(options.headers());
        h.putAll(headers);
        byte[] bytes = null;
        if (body != null) {
            h.put("Content-Type", "application/json");
            bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        }
        OutboundPolicy policy = options.policy();
        OutboundHttp.Request request = new OutboundHttp.Request(method, url, h, bytes);
        HttpGate gate = HttpGate.current();
        OutboundHttp.Answer response;
        try {
            response = gate.send(url, () -> {
                long t0 = System.nanoTime();
                OutboundHttp.Answer r = OutboundHttp.send(client(), request, policy, options.requestTimeout(),
                        OutboundHttp.CrossOrigin.DROP_HEADERS, OutboundHttp.document(policy.limits(), ERROR_EXCERPT),
                        gate::answered);
                if (LOG.isLoggable(Level.FINE)) {
                    LOG.fine(String.format("%s %s -> %d in %d ms (%d bytes, %d redirects)", method, url, r.status(),
                            (System.nanoTime() - t0) / 1_000_000, r.body().length, r.redirects()));
                }
                return r;
            });
        } catch (OutboundException e) {
            throw new StacException(url, null, method + " refused: " + e.getMessage(), e);
        } catch (HttpTimeoutException e) {
            throw new StacException(url, null, method + " timed out (" + e.getMessage() + "; connect timeout "
                    + options.connectTimeout() + ")", e);
        } catch (IOException e) {
            throw new StacException(url, null, method + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StacException(url, null, method + " interrupted", e);
        }
        int status = response.status();
        if (status == 404 && allow404) {
            return null;
        }
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (status < 200 || status >= 300) {
            throw StacException.http(method, url, status, text);
        }
        return parse(text, url);
    }

    private JsonObject readFile(URI url, boolean allow404) {
        try {
            options.policy().check(url);
        } catch (OutboundRefusedException e) {
            throw new StacException(url, null, "refused: " + e.getMessage(), e);
        }
        Path path;
        try {
            path = Path.of(url);
        } catch (IllegalArgumentException e) {
            throw new StacException(url, null, "not a usable file URL: " + e.getMessage(), e);
        }
        String text;
        try {
            long max = options.policy().limits().maxDocumentBytes();
            long size = Files.size(path);
            if (size > max) {
                throw new StacException(url, null, "refused: the file has " + size + " bytes, more than "
                        + max + " (" + OutboundLimits.KEY_MAX_DOCUMENT_BYTES + ")",
                        new BodyTooLargeException(url + ": larger than " + max + " bytes"));
            }
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
                            .followRedirects(HttpClient.Redirect.NEVER) // OutboundHttp follows them, checked
                            .build();
                    client = c;
                }
            }
        }
        return c;
    }
}
