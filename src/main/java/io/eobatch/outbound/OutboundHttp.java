package io.eobatch.outbound;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One outbound HTTP request over java.net.http with the rules of {@link OutboundPolicy} and {@link OutboundLimits}:
 *
 * <ul>
 *   <li><b>One deadline</b> for the whole exchange: connecting, the headers, the body and every redirect hop. The
 *       JDK's {@link HttpRequest.Builder#timeout} covers only the wait for the headers: a server that sends its
 *       headers and then stalls would block a body read for ever (tested in {@code OutboundHttpTest}). Here the
 *       request runs with {@code sendAsync} and the caller waits for the completed body at most until the deadline;
 *       then the exchange is cancelled (the JDK closes its connection) and an {@link HttpTimeoutException} says
 *       "headers and body".</li>
 *   <li><b>Bounded bodies.</b> The caller's {@link BodyRule} decides, from the status and headers, how much of the
 *       body is kept: cut after N bytes (a range, an error excerpt) or refused past N bytes
 *       ({@link BodyTooLargeException}, from the declared {@code Content-Length} before reading or as soon as the
 *       bytes pass it).</li>
 *   <li><b>Redirects followed here, not by the JDK</b> (the client must be built with
 *       {@link HttpClient.Redirect#NEVER}): 301, 302, 303, 307 and 308 with a {@code Location}, at most
 *       {@link OutboundLimits#maxRedirects()} hops, each target checked against the policy before it is asked
 *       (scheme, host, link-local), https never downgraded to http. A hop to another origin (scheme, host, port)
 *       either is refused ({@link CrossOrigin#REFUSE}: requests whose headers or body carry credentials, as the
 *       provider clients') or is sent with the caller's headers dropped but for {@code Accept},
 *       {@code User-Agent} and {@code Range} ({@link CrossOrigin#DROP_HEADERS}: a catalog's documents and COGs,
 *       whose configured headers may be credentials). 303, and 301/302 after a POST, continue as a GET without
 *       body, as browsers and the JDK do.</li>
 * </ul>
 *
 * <p>The JDK's own {@code Redirect.NORMAL} would follow any host the server names (only an https-to-http hop is
 * refused), check nothing against a policy, and its handling of {@code Authorization} on a hop to another host is
 * not something a caller controls; hence the loop here.
 */
public final class OutboundHttp {

    /** Headers kept on a hop to another origin under {@link CrossOrigin#DROP_HEADERS}. */
    static final Set<String> SAFE_HEADERS = Set.of("accept", "user-agent", "range");

    private OutboundHttp() {
    }

    /** What a redirect to another origin does. */
    public enum CrossOrigin {
        /** Refused: the request carries credentials in its headers or body. */
        REFUSE,
        /** Followed (if the policy allows the host) with only the safe headers. */
        DROP_HEADERS
    }

    /**
     * A request.
     *
     * @param headers request headers (values may be secret: never logged here)
     * @param body    the request body, or null for none
     */
    public record Request(String method, URI uri, Map<String, String> headers, byte[] body) {
        public Request {
            method = method.toUpperCase(Locale.ROOT);
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }
    }

    /** The final answer: the URL that gave it (after redirects), status, headers, the body kept, redirects followed. */
    public record Answer(URI uri, int status, HttpHeaders headers, byte[] body, int redirects) {

        /** The first value of header {@code name}, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** How much of a body to keep, decided from the answer's status and headers. */
    public record BodyLimit(long bytes, boolean truncate, String tooLargeMessage, IOException refusal) {

        /** Keep the first {@code bytes} bytes, drop the rest (and the connection). */
        public static BodyLimit truncate(long bytes) {
            return new BodyLimit(bytes, true, null, null);
        }

        /** Keep the whole body, failing with {@code message} past {@code bytes}. */
        public static BodyLimit atMost(long bytes, String message) {
            return new BodyLimit(bytes, false, message, null);
        }

        /** Read nothing and fail with {@code e}. */
        public static BodyLimit refuse(IOException e) {
            return new BodyLimit(0, false, null, e);
        }

        /**
         * The whole body up to {@code bytes}, refused at once when {@code headers} declare a larger
         * {@code Content-Length}; {@code what} says what the limit is ("eobatch.http.max-document-bytes").
         */
        public static BodyLimit whole(URI uri, HttpHeaders headers, long bytes, String what) {
            long declared = headers.firstValueAsLong("Content-Length").orElse(-1);
            String message = uri + ": the answer is larger than " + bytes + " bytes (" + what + ")";
            if (declared > bytes) {
                return refuse(new BodyTooLargeException(uri + ": the answer declares " + declared
                        + " bytes, more than " + bytes + " bytes (" + what + "): not read"));
            }
            return atMost(bytes, message);
        }
    }

    /** Chooses the {@link BodyLimit} of an answer that is not a redirect. */
    @FunctionalInterface
    public interface BodyRule {
        BodyLimit limit(URI uri, int status, HttpHeaders headers);
    }

    /**
     * The rule of a document or API answer: a 2xx kept whole up to {@link OutboundLimits#maxDocumentBytes()}
     * ({@link BodyLimit#whole}), any other status only its first {@code excerptBytes} (for the error message).
     */
    public static BodyRule document(OutboundLimits limits, int excerptBytes) {
        long max = limits.maxDocumentBytes();
        return (uri, status, headers) -> status >= 200 && status < 300
                ? BodyLimit.whole(uri, headers, max, OutboundLimits.KEY_MAX_DOCUMENT_BYTES)
                : BodyLimit.truncate(excerptBytes);
    }

    /** Told of the status and headers of every answer, redirects included, before its body is read. */
    @FunctionalInterface
    public interface HeadersListener {
        void answered(URI uri, int status, HttpHeaders headers);
    }

    /**
     * Sends {@code request}, follows redirects as the class comment says, and returns the final answer with its
     * body as the rule keeps it.
     *
     * @param client   a client that does not follow redirects itself
     * @param policy   where the request and every redirect may go; its limits give the redirect count
     * @param timeout  the deadline of the whole exchange
     * @param listener told of every answer's status and headers (may be null)
     * @throws OutboundRefusedException when the URL or a redirect target is not allowed, or redirects are too many
     * @throws BodyTooLargeException    when the body passes the rule's limit
     * @throws HttpTimeoutException     when the deadline passes before the body is complete
     * @throws IOException              other failures of the exchange (refused connection, reset, ...), as the
     *                                  JDK reports them
     */
    public static Answer send(HttpClient client, Request request, OutboundPolicy policy, Duration timeout,
                              CrossOrigin crossOrigin, BodyRule rule, HeadersListener listener)
            throws IOException, InterruptedException {
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the client must not follow redirects itself (Redirect.NEVER)");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        URI url = request.uri();
        String method = request.method();
        byte[] body = request.body();
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        policy.check(url);
        for (int hop = 0; ; hop++) {
            Answer a = once(client, method, url, headers, body, deadline, timeout, rule, listener, hop);
            String location = a.header("Location");
            if (!isRedirect(a.status()) || location == null) {
                return a;
            }
            if (hop >= policy.limits().maxRedirects()) {
                throw new OutboundRefusedException(request.uri() + ": more than " + policy.limits().maxRedirects()
                        + " redirects (" + OutboundLimits.KEY_MAX_REDIRECTS + "); the last one to " + location);
            }
            URI next;
            try {
                next = url.resolve(location.strip());
            } catch (IllegalArgumentException e) {
                throw new OutboundRefusedException(url + ": redirect to an unreadable Location \"" + location + "\"");
            }
            String where = url + " redirected (" + a.status() + ") to " + next;
            if ("https".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(next.getScheme())) {
                throw new OutboundRefusedException(where + ": not followed: from https to " + next.getScheme());
            }
            String why = policy.refusal(next);
            if (why != null) {
                throw new OutboundRefusedException(where + ": not followed: " + why);
            }
            if (!OutboundPolicy.sameOrigin(next, request.uri())) {
                if (crossOrigin == CrossOrigin.REFUSE) {
                    throw new OutboundRefusedException(where + ": not followed: another host, and this request's "
                            + "credentials are sent only to " + OutboundPolicy.hostPort(request.uri()));
                }
                headers.keySet().removeIf(k -> !SAFE_HEADERS.contains(k.toLowerCase(Locale.ROOT)));
            }
            if (a.status() == 303 || ((a.status() == 301 || a.status() == 302) && method.equals("POST"))) {
                method = "GET";
                body = null;
                headers.keySet().removeIf(k -> k.equalsIgnoreCase("Content-Type"));
            }
            url = next;
        }
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static Answer once(HttpClient client, String method, URI url, Map<String, String> headers, byte[] body,
                               long deadline, Duration timeout, BodyRule rule, HeadersListener listener, int hop)
            throws IOException, InterruptedException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new HttpTimeoutException(method + " " + url + ": no complete answer within " + timeout
                    + " (headers and body, after " + hop + " redirect(s))");
        }
        HttpRequest.Builder rb = HttpRequest.newBuilder(url).timeout(Duration.ofNanos(left));
        headers.forEach(rb::header);
        rb.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        BoundedBody sink = new BoundedBody();
        HttpResponse.BodyHandler<Void> handler = info -> {
            if (listener != null) {
                listener.answered(url, info.statusCode(), info.headers());
            }
            boolean redirect = isRedirect(info.statusCode()) && info.headers().firstValue("Location").isPresent();
            sink.start(info.statusCode(), info.headers(),
                    redirect ? BodyLimit.truncate(0) : rule.limit(url, info.statusCode(), info.headers()));
            return HttpResponse.BodySubscribers.ofByteArrayConsumer(sink);
        };
        CompletableFuture<HttpResponse<Void>> cf = client.sendAsync(rb.build(), handler);
        cf.whenComplete((r, t) -> {
            if (t != null) {
                sink.fail(t);
            }
        });
        byte[] kept;
        try {
            kept = sink.result().get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            cf.cancel(true);
            HttpTimeoutException t = new HttpTimeoutException(method + " " + url + ": no complete answer within "
                    + timeout + " (headers and body)");
            t.initCause(e);
            throw t;
        } catch (InterruptedException e) {
            cf.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            cf.cancel(true);
            throw unwrap(e, method, url);
        }
        if (sink.cut()) {
            cf.cancel(true); // the body was cut: drop the connection and what it still carries
        }
        return new Answer(url, sink.status, sink.headers, kept, hop);
    }

    private static IOException unwrap(ExecutionException e, String method, URI url) {
        Throwable c = e.getCause();
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        OutboundException o = OutboundException.in(c);
        if (o != null) {
            return o;
        }
        if (c instanceof IOException io) {
            return io;
        }
        return new IOException(method + " " + url + " failed: " + c, c);
    }
}
