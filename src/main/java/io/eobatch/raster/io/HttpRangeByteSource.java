package io.eobatch.raster.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;

import io.eobatch.outbound.BodyTooLargeException;
import io.eobatch.outbound.OutboundException;
import io.eobatch.outbound.OutboundHttp;
import io.eobatch.outbound.OutboundLimits;
import io.eobatch.outbound.OutboundPolicy;
import java.util.logging.Logger;

/**
 * A remote file read with HTTP range requests ({@code Range: bytes=first-last}, answered {@code 206 Partial Content}).
 *
 * <ul>
 *   <li>{@link #readRanges} merges nearby ranges ({@link RangeCoalescer}: gap at most {@code maxGap} bytes, default
 *       16 KiB, and never more than {@code maxWasteFraction}, default 10 %, of extra bytes) and runs the merged
 *       requests concurrently, at most {@code maxConcurrent} (default 4) at a time for this source.</li>
 *   <li>A server that ignores {@code Range} answers {@code 200} with the whole file: the body is then downloaded
 *       once, kept in memory and every later read is served from it (no second download, even when concurrent
 *       requests got the {@code 200} too: they drop their connection and wait for the first). At most
 *       {@link OutboundLimits#maxFileBytes()} (256 MiB): a larger declared length is refused before any byte is read,
 *       a longer body is cut off there ({@link BodyTooLargeException}), so a server that sends gigabytes costs one
 *       bounded read. A 206 longer than the range asked is cut at the range.</li>
 *   <li>Each request has one deadline for its headers, its body and its redirects (the source's timeout, default
 *       the policy's, 60 s): a server that stalls after its headers fails the read then
 *       ({@link HttpTimeoutException}). Redirects are followed by {@link OutboundHttp}, each hop checked against the
 *       source's {@link OutboundPolicy} (allowed hosts, never link-local), the extra headers dropped on a hop to
 *       another origin.</li>
 *   <li>Any other status (404, 500, ...), a refused connection or a timeout throws an {@link IOException} whose
 *       message names the URL, the status and the range; {@code 416} and short answers throw {@link EOFException}.</li>
 *   <li>Every GET (request and body) runs through the {@link HttpGate} in force, after this source's own
 *       {@code maxConcurrent} permit: the application's gate applies the limits of the host's account (in flight,
 *       per minute, Retry-After); the default runs it at once. One attempt per GET: no retry here.</li>
 *   <li>{@link #requestCount()} and {@link #bytesReceived()} count the GET requests sent and the body bytes
 *       received, so tests and benchmarks can check what a read cost.</li>
 * </ul>
 *
 * <p>Written on {@link HttpClient} rather than a library: no Maven Central GeoTIFF library reads COG tiles over
 * HTTP with range requests only (see the GeoTIFF reader's Javadoc and notes/eo.md).
 */
public final class HttpRangeByteSource implements ByteSource {

    private static final Logger LOG = Logger.getLogger(HttpRangeByteSource.class.getName());

    /** Default largest gap bridged when merging ranges: 16 KiB. */
    public static final long DEFAULT_MAX_GAP = 16 * 1024;
    /** Default largest share of unrequested bytes in a merged range: 10 %. */
    public static final double DEFAULT_MAX_WASTE_FRACTION = 0.10;
    /** Default number of concurrent range requests per source. */
    public static final int DEFAULT_MAX_CONCURRENT = 4;

    private static final HttpClient DEFAULT_CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER) // OutboundHttp follows them, each hop checked
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** Most helper threads of every source together: 16 batch threads x {@link #DEFAULT_MAX_CONCURRENT}. */
    static final int MAX_WORKERS = 64;

    /**
     * Helpers of {@link #readRanges}: bounded ({@link #MAX_WORKERS}, idle ones end after 30 s); when all are busy a
     * helper runs on the caller's thread (which reads the ranges itself then), so no read waits for a free helper
     * and no burst of reads makes threads without limit.
     */
    private static final ExecutorService WORKERS = new ThreadPoolExecutor(0, MAX_WORKERS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), new ThreadFactory() {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "eobatch-http-range-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }, new ThreadPoolExecutor.CallerRunsPolicy());

    private final URI uri;
    private final HttpClient client;
    private final RangeCoalescer coalescer;
    private final int maxConcurrent;
    private final Semaphore permits;
    private final Duration timeout;
    private final OutboundPolicy policy;
    private final Map<String, String> headers;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong knownLength = new AtomicLong(-1);
    private final AtomicReference<CompletableFuture<byte[]>> wholeBody = new AtomicReference<>();

    private HttpRangeByteSource(Builder b) {
        this.uri = b.uri;
        this.client = b.client != null ? b.client : DEFAULT_CLIENT;
        this.coalescer = new RangeCoalescer(b.maxGap, b.maxWasteFraction);
        this.maxConcurrent = b.maxConcurrent;
        this.permits = new Semaphore(b.maxConcurrent);
        this.policy = b.policy != null ? b.policy : OutboundPolicy.anyHost();
        this.timeout = b.timeout != null ? b.timeout : policy.limits().timeout();
        this.headers = Map.copyOf(b.headers);
    }

    /** A source for {@code uri} (http or https) with the default settings. */
    public static HttpRangeByteSource of(URI uri) {
        return builder(uri).build();
    }

    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /** Settings of an {@link HttpRangeByteSource}. */
    public static final class Builder {
        private final URI uri;
        private HttpClient client;
        private long maxGap = DEFAULT_MAX_GAP;
        private double maxWasteFraction = DEFAULT_MAX_WASTE_FRACTION;
        private int maxConcurrent = DEFAULT_MAX_CONCURRENT;
        private Duration timeout;
        private OutboundPolicy policy;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder(URI uri) {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("not an http(s) URL: " + uri);
            }
            this.uri = uri;
        }

        /** The client to send requests with; it must not follow redirects (default: a shared HTTP/1.1 client). */
        public Builder client(HttpClient client) {
            this.client = client;
            return this;
        }

        /** Largest gap in bytes bridged when merging two ranges into one request (default 16 KiB). */
        public Builder maxGap(long bytes) {
            this.maxGap = bytes;
            return this;
        }

        /** Largest share of bridged gap bytes over requested bytes in one merged request (default 0.1). */
        public Builder maxWasteFraction(double fraction) {
            this.maxWasteFraction = fraction;
            return this;
        }

        /** Most range requests of this source in flight at once (default 4). */
        public Builder maxConcurrent(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxConcurrent must be >= 1: " + n);
            }
            this.maxConcurrent = n;
            return this;
        }

        /**
         * Where this source's requests and their redirects may go, and the size limit of a whole file (default
         * {@link OutboundPolicy#anyHost()}: any host but a link-local one, the limits in force).
         */
        public Builder policy(OutboundPolicy policy) {
            this.policy = policy;
            return this;
        }

        /** Time allowed for one request, headers, body and redirects (default: the policy's timeout, 60 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** An extra header sent with every request (e.g. an authorization header). */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public HttpRangeByteSource build() {
            return new HttpRangeByteSource(this);
        }
    }

    @Override
    public String name() {
        return uri.toString();
    }

    /** The URL read. */
    public URI uri() {
        return uri;
    }

    /** GET requests sent so far (including failed ones). */
    public long requestCount() {
        return requests.get();
    }

    /** Response body bytes received so far. */
    public long bytesReceived() {
        return bytesReceived.get();
    }

    /** True once the server was seen to ignore {@code Range} and the whole file is held in memory. */
    public boolean holdsWholeFile() {
        CompletableFuture<byte[]> f = wholeBody.get();
        return f != null && f.isDone() && !f.isCompletedExceptionally();
    }

    @Override
    public String cacheKey() {
        return uri.toString();
    }

    @Override
    public long length() throws IOException {
        long n = knownLength.get();
        if (n < 0) {
            fetch(new ByteRange(0, 1), true);
            n = knownLength.get();
            if (n < 0) {
                throw new IOException("GET " + uri + ": the server did not say the file size (no Content-Range total)");
            }
        }
        return n;
    }

    @Override
    public byte[] read(long offset, int length) throws IOException {
        if (length == 0) {
            return new byte[0];
        }
        return fetch(new ByteRange(offset, length), false);
    }

    @Override
    public byte[] readPrefix(int maxLength) throws IOException {
        if (maxLength == 0) {
            return new byte[0];
        }
        return fetch(new ByteRange(0, maxLength), true);
    }

    @Override
    public List<byte[]> readRanges(List<ByteRange> ranges) throws IOException {
        byte[][] out = new byte[ranges.size()][];
        List<RangeCoalescer.Merged> merged = coalescer.coalesce(ranges);
        merged.removeIf(m -> {
            if (m.range().length() == 0) {
                for (int i : m.members()) {
                    out[i] = new byte[0];
                }
                return true;
            }
            return false;
        });
        byte[][] fetched = new byte[merged.size()][];
        int workers = Math.min(maxConcurrent, merged.size());
        AtomicInteger next = new AtomicInteger();
        Callable worker = () -> {
            for (int k = next.getAndIncrement(); k < merged.size(); k = next.getAndIncrement()) {
                fetched[k] = fetch(merged.get(k).range(), false);
            }
            return null;
        };
        List<Future<Void>> helpers = new ArrayList<>();
        for (int w = 1; w < workers; w++) {
            helpers.add(WORKERS.submit(() -> worker.call()));
        }
        IOException failure = null;
        try {
            worker.call();
        } catch (IOException e) {
            failure = e;
            next.set(merged.size());
        }
        for (Future<Void> f : helpers) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading " + uri);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof IOException io ? io
                            : new IOException("reading " + uri + ": " + e.getCause(), e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        for (int k = 0; k < merged.size(); k++) {
            RangeCoalescer.Merged m = merged.get(k);
            long base = m.range().offset();
            for (int i : m.members()) {
                ByteRange r = ranges.get(i);
                int from = (int) (r.offset() - base);
                out[i] = from == 0 && r.length() == fetched[k].length ? fetched[k]
                        : Arrays.copyOfRange(fetched[k], from, from + r.length());
            }
        }
        return Arrays.asList(out);
    }

    @FunctionalInterface
    private interface Callable {
        Void call() throws IOException;
    }

    /** Fetches one range; with {@code allowShort} a range running past the end of the file returns what exists. */
    private byte[] fetch(ByteRange range, boolean allowShort) throws IOException {
        byte[] whole = wholeFileIfHeld();
        if (whole != null) {
            return slice(whole, range, allowShort);
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to read " + uri);
        }
        try {
            return send(range, allowShort);
        } finally {
            permits.release();
        }
    }

    /**
     * One GET through the {@link HttpGate} in force: the gate holds its slot while the request is sent and its body
     * read, and is told of the answer's status and headers. A request that finds another one of this source
     * downloading the whole file (the server ignores Range) gives its slot back before waiting for that download.
     */
    private byte[] send(ByteRange range, boolean allowShort) throws IOException {
        HttpGate gate = HttpGate.current();
        Answer answer;
        try {
            answer = gate.send(uri, () -> exchange(gate, range, allowShort));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to read " + uri);
        }
        return answer.bytes() != null ? answer.bytes() : slice(await(answer.download()), range, allowShort);
    }

    /** The bytes of a range, or the whole-file download of another request to wait for (outside the gate). */
    private record Answer(byte[] bytes, CompletableFuture<byte[]> download) {
    }

    private Answer exchange(HttpGate gate, ByteRange range, boolean allowShort) throws IOException {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Range", range.httpRange());
        requests.incrementAndGet();
        WholeClaim claim = new WholeClaim();
        OutboundHttp.Answer resp;
        try {
            resp = OutboundHttp.send(client, new OutboundHttp.Request("GET", uri, h, null), policy, timeout,
                    OutboundHttp.CrossOrigin.DROP_HEADERS, (u, status, hs) -> limit(u, status, hs, range, claim),
                    gate::answered);
        } catch (InterruptedException e) {
            claim.failed(e);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + uri);
        } catch (OutboundException e) {
            claim.failed(e);
            throw e;
        } catch (ConnectException e) {
            claim.failed(e);
            throw new IOException("GET " + uri + " (Range " + range.httpRange() + "): connection refused or failed: " + e, e);
        } catch (HttpTimeoutException e) {
            claim.failed(e);
            HttpTimeoutException t = new HttpTimeoutException("GET " + uri + " (Range " + range.httpRange()
                    + "): timed out after " + timeout + " (headers and body)");
            t.initCause(e);
            throw t;
        } catch (IOException | RuntimeException e) {
            claim.failed(e);
            throw new IOException("GET " + uri + " (Range " + range.httpRange() + "): " + e, e);
        }
        int status = resp.status();
        bytesReceived.addAndGet(resp.body().length);
        if (status == 206) {
            return new Answer(readPartial(resp, range, allowShort), null);
        } else if (status == 200) {
            if (claim.other != null) {
                return new Answer(null, claim.other);
            }
            byte[] all = resp.body();
            knownLength.set(all.length);
            claim.mine.complete(all);
            return new Answer(slice(all, range, allowShort), null);
        } else if (status == 416) {
            throw new EOFException("HTTP 416 (range not satisfiable) for GET " + uri + " Range " + range.httpRange()
                    + ": the file is shorter");
        } else if (status >= 300 && status < 400) {
            throw new HttpStatusException(status, "HTTP " + status + " for GET " + uri + " (Range " + range.httpRange()
                    + "): a redirect without a usable Location");
        } else {
            throw new HttpStatusException(status, "HTTP " + status + " for GET " + uri + " (Range " + range.httpRange() + ")");
        }
    }

    /**
     * This exchange's part in the whole-file download: {@code mine} when its 200 answer is the one being kept,
     * {@code other} when another request of this source is already downloading the file.
     */
    private final class WholeClaim {
        volatile CompletableFuture<byte[]> mine;
        volatile CompletableFuture<byte[]> other;

        void failed(Throwable e) {
            CompletableFuture<byte[]> m = mine;
            if (m != null) {
                wholeBody.compareAndSet(m, null);
                m.completeExceptionally(e);
            }
        }
    }

    /**
     * How much of an answer to read: a 206, the range asked (more is cut off); a 200 (the server ignores Range), the
     * whole file once for this source, at most {@link OutboundLimits#maxFileBytes()} (refused at once when its
     * {@code Content-Length} says more), and nothing when another request already downloads it; an error, nothing.
     */
    private OutboundHttp.BodyLimit limit(URI u, int status, HttpHeaders hs, ByteRange range, WholeClaim claim) {
        if (status == 206) {
            return OutboundHttp.BodyLimit.truncate(range.length());
        }
        if (status != 200) {
            return OutboundHttp.BodyLimit.truncate(0);
        }
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> other = wholeBody.compareAndExchange(null, mine);
        if (other != null) {
            claim.other = other; // someone else is downloading it: drop this connection
            return OutboundHttp.BodyLimit.truncate(0);
        }
        claim.mine = mine;
        long max = policy.limits().maxFileBytes();
        long declared = hs.firstValueAsLong("Content-Length").orElse(-1);
        if (declared > max) {
            return OutboundHttp.BodyLimit.refuse(new BodyTooLargeException("GET " + u + ": the server ignores Range "
                    + "and answers 200 with the whole file, " + declared + " bytes, more than " + max + " bytes ("
                    + OutboundLimits.KEY_MAX_FILE_BYTES + "): not read"));
        }
        LOG.log(Level.WARNING, "{0} ignores HTTP Range requests: downloading the whole file once ({1} bytes, at most {2})",
                new Object[] {u, String.valueOf(declared), String.valueOf(max)});
        return OutboundHttp.BodyLimit.atMost(max, "GET " + u + ": the server ignores Range and sends more than " + max
                + " bytes (" + OutboundLimits.KEY_MAX_FILE_BYTES + "): cut off");
    }

    private byte[] readPartial(OutboundHttp.Answer resp, ByteRange range, boolean allowShort) throws IOException {
        String cr = resp.header("Content-Range");
        long first = range.offset();
        if (cr != null) {
            // bytes first-last/total  (total may be *)
            String s = cr.trim();
            int sp = s.indexOf(' ');
            int dash = s.indexOf('-', sp + 1);
            int slash = s.indexOf('/', dash + 1);
            try {
                first = Long.parseLong(s.substring(sp + 1, dash).trim());
                String total = s.substring(slash + 1).trim();
                if (!total.equals("*")) {
                    knownLength.set(Long.parseLong(total));
                }
            } catch (RuntimeException e) {
                throw new IOException("GET " + uri + ": bad Content-Range '" + cr + "'", e);
            }
        }
        if (first != range.offset()) {
            throw new IOException("GET " + uri + " Range " + range.httpRange() + ": server answered Content-Range '" + cr + "'");
        }
        byte[] buf = resp.body();
        if (buf.length < range.length() && !allowShort) {
            throw new EOFException("GET " + uri + " Range " + range.httpRange() + ": got only " + buf.length
                    + " bytes (file ends at " + knownLength.get() + ")");
        }
        return buf;
    }

    private byte[] wholeFileIfHeld() throws IOException {
        CompletableFuture<byte[]> f = wholeBody.get();
        return f == null ? null : await(f);
    }

    private byte[] await(CompletableFuture<byte[]> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + uri);
        } catch (ExecutionException e) {
            throw new IOException("GET " + uri + ": " + e.getCause(), e.getCause());
        }
    }

    private byte[] slice(byte[] whole, ByteRange range, boolean allowShort) throws IOException {
        if (range.end() > whole.length) {
            if (!allowShort || range.offset() > whole.length) {
                throw new EOFException(uri + " has " + whole.length + " bytes, cannot read " + range.length()
                        + " bytes at offset " + range.offset());
            }
        }
        return Arrays.copyOfRange(whole, (int) range.offset(), (int) Math.min(range.end(), whole.length));
    }
}
