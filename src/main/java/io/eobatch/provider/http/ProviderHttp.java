package io.eobatch.provider.http;

import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.TransientSourceException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.eobatch.outbound.OutboundException;
import io.eobatch.outbound.OutboundHttp;
import io.eobatch.outbound.OutboundPolicy;
import io.eobatch.results.JsonValues;

/**
 * The HTTP exchange of the remote provider clients, over java.net.http (HTTP/1.1): one request, its status, headers
 * and body, with the failure rules every provider shares.
 *
 * <ul>
 *   <li>A timeout, a refused or reset connection, any {@link IOException}: {@link TransientSourceException} naming the
 *       method and URL, the exception as cause.</li>
 *   <li>An error status, where the caller asks for it ({@link #send}): {@link ProviderHttpException} with the status,
 *       the raw {@code Retry-After} header and the first 300 characters of the body.</li>
 *   <li>A 2xx answer that is not the JSON object expected ({@link #json}): {@link ItemDataException} naming the URL
 *       and where the parse failed, so that the item fails and the partition goes on.</li>
 * </ul>
 *
 * <p>Outbound rules ({@link OutboundHttp}): redirects are followed here, and only within the request's origin (scheme,
 * host and port): a redirect to another host is refused and nothing is sent there, since every request of a provider
 * carries a credential (a bearer token, an API key, the OAuth client secret in the token request's body); such a
 * refusal, and an answer larger than {@code eobatch.http.max-document-bytes}, is an {@link ItemDataException} (no
 * retry). The request timeout covers headers <em>and</em> body: a server that stalls after its headers fails the
 * request when it passes ({@link TransientSourceException}). Never a link-local address.
 *
 * <p>Secrets: every text this class puts in an exception message or a log record passes {@link #redact}, which
 * replaces each current secret (given by the supplier: client secret, API key, bearer tokens), and its URL-encoded
 * form, with {@code ***}. Request headers and bodies are never logged; the log (FINE) has method, URL, status,
 * time and size only.
 *
 * <p>Thread-safe.
 */
public final class ProviderHttp {

    private static final Logger LOG = Logger.getLogger(ProviderHttp.class.getName());
    private static final JsonReaderFactory READERS = JsonValues.JSON.createReaderFactory(Map.of());
    /** Characters of an error body kept in an exception message. */
    static final int EXCERPT = 300;
    /** Bytes of an error answer read (the rest is not: only its start goes into a message). */
    static final int ERROR_BODY = 64 * 1024;
    /** Secrets shorter than this are not redacted (they would blank ordinary text) and should not exist. */
    private static final int MIN_SECRET = 4;

    private final String provider;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final Supplier<? extends Collection<String>> secrets;

    /**
     * @param provider       the provider's name for log records ("sentinel-hub")
     * @param connectTimeout TCP connect timeout
     * @param requestTimeout time allowed for each request: headers, body and same-origin redirects together
     * @param secrets        the secrets to keep out of messages and logs, asked for at each use (tokens change)
     */
    public ProviderHttp(String provider, Duration connectTimeout, Duration requestTimeout,
                        Supplier<? extends Collection<String>> secrets) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER) // OutboundHttp follows them: same origin only
                .build();
    }

    /** An answer: status, headers and the whole body. */
    public record Response(String method, URI url, int status, HttpHeaders headers, byte[] body) {

        /** The body decoded as UTF-8. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The first value of header {@code name}, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** Whether the status is 2xx. */
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * Sends a request and returns the answer whatever its status; only I/O failures throw
     * ({@link TransientSourceException}).
     *
     * @param headers request headers (values may be secret: they are never logged)
     * @param body    the request body, or null for none
     */
    public Response exchange(String method, URI url, Map<String, String> headers, byte[] body) {
        OutboundPolicy policy = OutboundPolicy.anyHost();
        long t0 = System.nanoTime();
        OutboundHttp.Answer r;
        try {
            r = OutboundHttp.send(client, new OutboundHttp.Request(method, url, headers, body), policy, requestTimeout,
                    OutboundHttp.CrossOrigin.REFUSE, OutboundHttp.document(policy.limits(), ERROR_BODY), null);
        } catch (OutboundException e) {
            throw new ItemDataException(method + " " + describe(url) + " refused: " + redact(e.getMessage()), e);
        } catch (HttpTimeoutException e) {
            throw new TransientSourceException(method + " " + describe(url) + " timed out after " + requestTimeout
                    + " (headers and body)", e);
        } catch (IOException e) {
            throw new TransientSourceException(method + " " + describe(url) + " failed: " + redact(String.valueOf(e)), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientSourceException(method + " " + describe(url) + " interrupted", e);
        }
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine(redact(String.format(Locale.ROOT, "%s %s %s -> %d in %d ms (%d bytes)", provider, method,
                    describe(url), r.status(), (System.nanoTime() - t0) / 1_000_000, r.body().length)));
        }
        return new Response(method, url, r.status(), r.headers(), r.body());
    }

    /**
     * Sends a request; a non-2xx answer throws {@link ProviderHttpException} (see {@link #error}).
     */
    public Response send(String method, URI url, Map<String, String> headers, byte[] body) {
        Response r = exchange(method, url, headers, body);
        if (!r.ok()) {
            throw error(r);
        }
        return r;
    }

    /** The exception for an error answer: status, raw {@code Retry-After}, the start of the body, redacted. */
    public ProviderHttpException error(Response r) {
        String excerpt = r.text().strip().replaceAll("\\s+", " ");
        if (excerpt.length() > EXCERPT) {
            excerpt = excerpt.substring(0, EXCERPT) + "...";
        }
        return new ProviderHttpException(r.method(), r.url(), r.status(), r.header("Retry-After"), redact(excerpt));
    }

    /**
     * The body of a 2xx answer as a JSON object; anything else is an {@link ItemDataException} naming the URL and
     * the line and column of the syntax error.
     */
    public JsonObject json(Response r) {
        JsonValue v;
        try (JsonReader reader = READERS.createReader(new StringReader(r.text()))) {
            v = reader.readValue();
        } catch (JsonParsingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber();
            throw new ItemDataException(r.method() + " " + describe(r.url()) + ": answer is not valid JSON" + where, e);
        } catch (JsonException | IllegalStateException e) {
            throw new ItemDataException(r.method() + " " + describe(r.url()) + ": answer is not valid JSON: "
                    + redact(String.valueOf(e.getMessage())), e);
        }
        if (!(v instanceof JsonObject o)) {
            throw new ItemDataException(r.method() + " " + describe(r.url()) + ": expected a JSON object, found "
                    + (v == null ? "nothing" : v.getValueType()), null);
        }
        return o;
    }

    /** {@code text} with every current secret (and its URL-encoded form) replaced by {@code ***}. */
    public String redact(String text) {
        return redact(text, secrets.get());
    }

    /** {@code text} with each of {@code secrets} (and its URL-encoded form) replaced by {@code ***}. */
    public static String redact(String text, Collection<String> secrets) {
        if (text == null || secrets == null || secrets.isEmpty()) {
            return text;
        }
        List<String> all = new ArrayList<>();
        for (String s : secrets) {
            if (s != null && s.length() >= MIN_SECRET) {
                all.add(s);
                String enc = URLEncoder.encode(s, StandardCharsets.UTF_8);
                if (!enc.equals(s)) {
                    all.add(enc);
                }
            }
        }
        all.sort(Comparator.comparingInt(String::length).reversed());
        String out = text;
        for (String s : all) {
            out = out.replace(s, "***");
        }
        return out;
    }

    /** {@code url} as it may be shown: without user info. */
    public static String describe(URI url) {
        if (url == null) {
            return "<no url>";
        }
        String u = url.toString();
        String info = url.getRawUserInfo();
        return info == null ? u : u.replace(info + "@", "");
    }
}
