package io.eobatch.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;

import io.eobatch.config.EobatchConfig;
import io.eobatch.config.Settings;
import io.eobatch.ledger.ItemStatus;
import io.eobatch.ledger.Ledger;
import io.eobatch.outbound.OutboundHttp;
import io.eobatch.outbound.OutboundPolicy;
import io.eobatch.outbound.OutboundRefusedException;
import io.eobatch.results.JsonValues;

/**
 * A JSON POST to a configured URL when an execution ends ({@code eobatch.webhook.url}; none when unset): its id, job,
 * job instance, batch and exit status, item counts by status and links to it, its items, results and STAC catalog.
 * Called from {@link io.eobatch.batch.JobLogListener#afterJob()} on the node that ran the job, so each end is told
 * once (a restart is another execution, with its own end).
 *
 * <p>Never blocking a job: the body is made in {@code afterJob} (the counts are final then) and every attempt runs on
 * two threads of this class (from the server's {@link ManagedThreadFactory}). Sent through {@link OutboundHttp} under an
 * {@link OutboundPolicy} that allows the URL's own host and port only (never link-local; a redirect elsewhere is
 * refused, since a signed body is meant for that receiver), with the deadline {@code eobatch.webhook.timeout-s} (10)
 * over headers and body and at most 1 KiB of the answer read. A 2xx answer ends it; 408, 429, a 5xx or a failed
 * exchange is tried again up to {@code eobatch.webhook.attempts} (4) attempts in all, waiting
 * {@code eobatch.webhook.backoff-ms} (1000) and then twice as long each time; any other answer or a refused URL is
 * logged and not tried again. With {@code eobatch.webhook.secret} set, header {@code X-Eobatch-Signature} carries
 * {@code sha256=} and the hex HMAC-SHA256 of the body under that secret. Every attempt sends the same body and
 * {@code X-Eobatch-Delivery} (execution id and status), so that a receiver can drop a repeat. The settings are read
 * at each execution's end.
 */
@ApplicationScoped
public class Webhooks {

    private static final Logger LOG = Logger.getLogger(Webhooks.class.getName());

    /** The URL told of every execution's end; unset or blank: none. */
    public static final String KEY_URL = "eobatch.webhook.url";
    /** The HMAC-SHA256 key of the {@code X-Eobatch-Signature} header; unset: no signature. */
    public static final String KEY_SECRET = "eobatch.webhook.secret";
    /** Attempts in all (1..20). */
    public static final String KEY_ATTEMPTS = "eobatch.webhook.attempts";
    /** The wait before the second attempt, milliseconds; doubled for each further one. */
    public static final String KEY_BACKOFF_MS = "eobatch.webhook.backoff-ms";
    /** The deadline of one attempt, seconds. */
    public static final String KEY_TIMEOUT_S = "eobatch.webhook.timeout-s";

    /** The most of an answer's body read (it is only logged). */
    static final int ANSWER_BYTES = 1024;

    @Resource
    ManagedThreadFactory threads;

    /**
     * Two threads of its own for the attempts and the waits between them: an attempt blocks its thread up to its
     * deadline, which must not hold a thread of the server's default executors (the live events' broadcaster and
     * senders use those).
     */
    ScheduledThreadPoolExecutor scheduler;

    @PostConstruct
    void start() {
        scheduler = new ScheduledThreadPoolExecutor(2, threads);
        scheduler.setRemoveOnCancelPolicy(true);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    @Inject
    Ledger ledger;

    @Inject
    EobatchConfig config;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER) // OutboundHttp follows them, checked against the policy
            .build();

    /** One delivery: where, what, and how often and how long to try. */
    record Delivery(URI url, byte[] body, Map<String, String> headers, OutboundPolicy policy, Duration timeout,
                    int attempts, long backoffMs, long execution) {
    }

    /**
     * Tells the configured URL that {@code execution} ended, in the background; returns at once and never throws (a
     * wrong setting is logged).
     */
    public void executionEnded(long execution, long instance, String job, String status, String exitStatus) {
        Optional<String> url = Settings.value(KEY_URL, String.class).map(String::strip).filter(s -> !s.isEmpty());
        if (url.isEmpty()) {
            return;
        }
        try {
            URI uri = URI.create(url.get());
            int attempts = (int) Math.max(1, Math.min(20, Settings.value(KEY_ATTEMPTS, Long.class).orElse(4L)));
            long backoff = Math.max(0, Settings.value(KEY_BACKOFF_MS, Long.class).orElse(1000L));
            Duration timeout = Duration.ofSeconds(Math.max(1, Settings.value(KEY_TIMEOUT_S, Long.class).orElse(10L)));
            OutboundPolicy policy = OutboundPolicy.forRoot("webhook", KEY_URL, uri, List.of(),
                    config.outboundLimits().withTimeout(timeout));
            policy.check(uri);
            byte[] body = payload(execution, instance, job, status, exitStatus, ledger.counts(instance),
                    config.publicApiBase(), Instant.now()).getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("User-Agent", "eobatch-webhook");
            headers.put("X-Eobatch-Event", "execution-ended");
            headers.put("X-Eobatch-Delivery", execution + "-" + status);
            Settings.value(KEY_SECRET, String.class).filter(s -> !s.isEmpty())
                    .ifPresent(secret -> headers.put("X-Eobatch-Signature", signature(secret, body)));
            Delivery d = new Delivery(uri, body, headers, policy, timeout, attempts, backoff, execution);
            scheduler.execute(() -> attempt(d, 1));
        } catch (RuntimeException | OutboundRefusedException e) { // RejectedExecutionException too: shutting down
            LOG.warning(() -> "execution " + execution + ": no webhook sent: " + e.getMessage() + " (" + KEY_URL + ")");
        }
    }

    /** Attempt {@code n} of delivery {@code d}; schedules the next one when this one may be tried again. */
    void attempt(Delivery d, int n) {
        String why;
        try {
            OutboundHttp.Answer a = OutboundHttp.send(client, new OutboundHttp.Request("POST", d.url(), d.headers(),
                            d.body()), d.policy(), d.timeout(), OutboundHttp.CrossOrigin.REFUSE,
                    (u, s, h) -> OutboundHttp.BodyLimit.truncate(ANSWER_BYTES), null);
            if (a.status() >= 200 && a.status() < 300) {
                LOG.fine(() -> "execution " + d.execution() + ": webhook answered " + a.status() + " (attempt " + n
                        + ")");
                return;
            }
            why = "HTTP " + a.status() + " " + new String(a.body(), StandardCharsets.UTF_8).strip();
            if (!retryable(a.status())) {
                String w = why;
                LOG.warning(() -> "execution " + d.execution() + ": webhook " + d.url() + " refused it: " + w
                        + "; not tried again");
                return;
            }
        } catch (OutboundRefusedException e) {
            LOG.warning(() -> "execution " + d.execution() + ": webhook not sent: " + e.getMessage());
            return;
        } catch (IOException e) {
            why = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            why = e.toString();
        }
        String w = why;
        if (n >= d.attempts()) {
            LOG.warning(() -> "execution " + d.execution() + ": webhook " + d.url() + " given up after " + n
                    + " attempt(s): " + w);
            return;
        }
        long wait = backoff(d.backoffMs(), n);
        LOG.info(() -> "execution " + d.execution() + ": webhook attempt " + n + " failed (" + w + "); again in "
                + wait + " ms");
        scheduler.schedule(() -> attempt(d, n + 1), wait, TimeUnit.MILLISECONDS);
    }

    /** The wait after failed attempt {@code n} (1-based): {@code first}, then doubled each time (at most 1 hour). */
    static long backoff(long first, int n) {
        return Math.min(3_600_000L, first << Math.min(20, n - 1));
    }

    /** Whether an answer with this status may be worth another attempt: 408, 429 and 5xx. */
    static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** {@code sha256=} and the lower-case hex HMAC-SHA256 of {@code body} under {@code secret} (UTF-8). */
    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The JSON body: what ended, its counts by item status, and links built from the public API base. */
    static String payload(long execution, long instance, String job, String status, String exitStatus,
                          Map<ItemStatus, Long> counts, URI apiBase, Instant at) {
        // the names and order of the execution view's progress (GET /api/executions/{id})
        JsonObjectBuilder items = JsonValues.JSON.createObjectBuilder().add("total", ItemStatus.total(counts))
                .add("done", counts.getOrDefault(ItemStatus.DONE, 0L))
                .add("noData", counts.getOrDefault(ItemStatus.NO_DATA, 0L))
                .add("tooCloudy", counts.getOrDefault(ItemStatus.TOO_CLOUDY, 0L))
                .add("failed", counts.getOrDefault(ItemStatus.FAILED, 0L))
                .add("pending", counts.getOrDefault(ItemStatus.PENDING, 0L))
                .add("inFlight", counts.getOrDefault(ItemStatus.IN_FLIGHT, 0L));
        String self = apiBase.resolve("executions/" + execution).toString();
        JsonObjectBuilder links = JsonValues.JSON.createObjectBuilder().add("execution", self).add("items", self + "/items")
                .add("results", self + "/results").add("stac", self + "/stac");
        JsonObjectBuilder o = JsonValues.JSON.createObjectBuilder().add("event", "execution-ended").add("execution", execution)
                .add("instanceId", instance).add("job", job).add("status", status);
        if (exitStatus == null) {
            o.addNull("exitStatus");
        } else {
            o.add("exitStatus", exitStatus);
        }
        return o.add("at", at.toString()).add("items", items).add("links", links).build().toString();
    }
}
