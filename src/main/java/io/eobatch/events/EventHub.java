package io.eobatch.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyOrderStrategy;

import io.eobatch.config.Settings;
import io.eobatch.ledger.ItemStatus;

/**
 * The server's live events (the dashboard's and curl's {@code GET /api/events}): one broadcaster task on the
 * server's {@link ManagedScheduledExecutorService} reads, every {@code eobatch.events.interval-ms} (1000), what
 * changed in the database (the newest executions' statuses from JBeret's tables; for the running ones, the ledger's
 * counts and newly FAILED items) and publishes an event per change. Batch threads never publish and never wait for a
 * client: the job does not know anyone watches.
 *
 * <p>Design, and its bounds:
 * <ul>
 *   <li>Resuming: every event gets the next id of a bounded in-memory ring of the server's recent events
 *       ({@code eobatch.events.ring}, 1000). A client that reconnects with {@code Last-Event-ID} is sent the events
 *       after it; when the ring no longer holds them (or the id is of an earlier run of the server, or of another
 *       node) it gets a {@code reset} event and reloads the state with the REST API. The events are all absolute
 *       (a status, the counts), so applying one twice is harmless.</li>
 *   <li>Slow clients: each stream has its own queue of at most {@code eobatch.events.queue} (256) events, drained
 *       on the managed executor; a full queue or a send slower than {@code eobatch.events.send-timeout-ms} (10000)
 *       closes the stream ({@link Subscriber}). At most {@code eobatch.events.max-streams} (64) are open; more get a
 *       503.</li>
 *   <li>Keep-alive: a comment every {@code eobatch.events.keepalive-ms} (15000) so proxies keep the stream and a
 *       gone client is noticed.</li>
 * </ul>
 * Only the newest {@code eobatch.events.window} (200) executions are watched for status changes (one small query a
 * tick); an older execution abandoned later is seen on the page's next load, not live.
 */
@ApplicationScoped
public class EventHub {

    private static final Logger LOG = Logger.getLogger(EventHub.class.getName());
    private static final Set<String> RUNNING = Set.of("STARTING", "STARTED", "STOPPING");
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withPropertyOrderStrategy(PropertyOrderStrategy.ANY));

    @Resource(lookup = "java:jboss/datasources/EobatchDS")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedExecutorService senders;

    private final long intervalMillis = setting("eobatch.events.interval-ms", 1000L);
    private final int queueSize = setting("eobatch.events.queue", 256L).intValue();
    private final int maxStreams = setting("eobatch.events.max-streams", 64L).intValue();
    private final long sendTimeoutMillis = setting("eobatch.events.send-timeout-ms", 10_000L);
    private final long keepAliveMillis = setting("eobatch.events.keepalive-ms", 15_000L);
    private final int window = setting("eobatch.events.window", 200L).intValue();
    private final EventRing ring = new EventRing(setting("eobatch.events.ring", 1000L).intValue(),
            System.currentTimeMillis());
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    // broadcaster state: touched by the broadcaster task alone
    private final Map<Long, EventData.Execution> known = new HashMap<>();
    /** The executions whose progress is read every tick, with the progress last published (null before the first). */
    private final Map<Long, EventData.Progress> watched = new HashMap<>();
    private final Map<String, Boolean> sentFailures = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 10_000;
        }
    };
    private boolean primed;
    private Instant lastTick = Instant.now();
    private long lastKeepAlive = System.currentTimeMillis();
    private ScheduledFuture<?> task;

    void onStart(@Observes Startup startup) {
        task = scheduler.scheduleWithFixedDelay(this::tickSafely, intervalMillis, intervalMillis,
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
        subscribers.forEach(s -> s.close("server stopping"));
    }

    /** Whether another stream may open. */
    public boolean full() {
        subscribers.removeIf(Subscriber::isClosed);
        return subscribers.size() >= maxStreams;
    }

    /**
     * Opens a stream of the events of {@code execution} (0: every execution) to {@code sink}: first a {@code hello}
     * (or, after a {@code lastEventId} the ring no longer holds, a {@code reset}), then the events after
     * {@code lastEventId} the ring holds, then the new ones as they come.
     */
    public synchronized Subscriber subscribe(Subscriber.Sink sink, long execution, String lastEventId) {
        Subscriber s = new Subscriber(sink, execution, queueSize, senders, sendTimeoutMillis);
        long last = ring.lastId();
        if (lastEventId == null || lastEventId.isBlank()) {
            s.offer(event("hello", new EventData.Stream("connected", last, execution), last));
        } else {
            Optional<List<ExecutionEvent>> missed = parse(lastEventId).flatMap(id -> ring.after(id, execution));
            if (missed.isEmpty()) {
                s.offer(event("reset", new EventData.Stream("events after " + lastEventId
                        + " are no longer kept: reload", last, execution), last));
            } else {
                s.offer(event("hello", new EventData.Stream("resumed after " + lastEventId, last, execution), last));
                missed.get().forEach(s::offer);
            }
        }
        subscribers.add(s);
        return s;
    }

    /** The open streams (for the tests' and the log's sake). */
    public int streams() {
        subscribers.removeIf(Subscriber::isClosed);
        return subscribers.size();
    }

    private synchronized void publish(String type, long execution, Object data) {
        ExecutionEvent e = ring.append(type, execution, JSONB.toJson(data));
        for (Subscriber s : subscribers) {
            if (s.wants(e)) {
                s.offer(e);
            }
        }
    }

    private static ExecutionEvent event(String type, EventData.Stream data, long id) {
        return new ExecutionEvent(id, type, data.execution(), JSONB.toJson(data));
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException | Error e) {
            // the scheduler cancels a task that throws: log and carry on at the next tick
            LOG.log(Level.WARNING, "event broadcaster tick failed", e);
        }
    }

    /** One look at the database: publishes what changed since the last tick. */
    void tick() {
        Instant started = Instant.now();
        try (Connection c = dataSource.getConnection()) {
            List<EventData.Execution> newest = ExecutionFeed.newest(c, window);
            Set<Long> seen = new HashSet<>();
            // an execution's end is told after its last counts and failures, so that it is a run's last event
            List<EventData.Execution> ended = new ArrayList<>();
            for (EventData.Execution now : newest) {
                seen.add(now.execution());
                EventData.Execution before = known.put(now.execution(), now);
                boolean changed = before == null || !Objects.equals(before.status(), now.status())
                        || !Objects.equals(before.exitStatus(), now.exitStatus());
                if (changed && primed) {
                    if (RUNNING.contains(now.status())) {
                        publish("execution", now.execution(), now);
                    } else {
                        ended.add(now);
                    }
                    watched.putIfAbsent(now.execution(), null); // for its progress, and its final counts once ended
                }
                if (RUNNING.contains(now.status())) {
                    watched.putIfAbsent(now.execution(), null);
                }
            }
            known.keySet().retainAll(seen);
            for (Long id : List.copyOf(watched.keySet())) {
                EventData.Execution e = known.get(id);
                if (e == null) {
                    watched.remove(id);
                    continue;
                }
                Map<ItemStatus, Long> counts = ExecutionFeed.counts(c, e.instanceId());
                EventData.Progress p = ExecutionFeed.progress(id, e.instanceId(), counts);
                EventData.Progress before = watched.put(id, p);
                if (!p.equals(before) && (primed || p.total() > 0)) {
                    publish("progress", id, p);
                }
                // newly FAILED items since the last tick (a margin for clocks and commit order; sent once each); an
                // execution seen for the first time counts from none, so an item that failed within its first second
                // is told too (but not what failed before this server's first look)
                long failedBefore = before == null ? 0 : before.failed();
                if (primed && p.failed() > failedBefore) {
                    for (EventData.ItemFailed f : ExecutionFeed.failedSince(c, id, e.instanceId(),
                            lastTick.minusSeconds(5), 100)) {
                        if (sentFailures.put(f.item() + "/" + f.attempts(), Boolean.TRUE) == null) {
                            publish("item-failed", id, f);
                        }
                    }
                }
                if (!RUNNING.contains(e.status())) {
                    watched.remove(id);
                }
            }
            ended.forEach(e -> publish("execution", e.execution(), e));
            primed = true;
            lastTick = started;
        } catch (SQLException e) {
            // before the first job JBeret's tables do not exist: nothing to tell yet
            LOG.log(Level.FINE, "event broadcaster: database not ready", e);
        }
        long now = System.currentTimeMillis();
        subscribers.removeIf(Subscriber::isClosed);
        if (now - lastKeepAlive >= keepAliveMillis) {
            lastKeepAlive = now;
            ExecutionEvent keepAlive = new ExecutionEvent(-1, null, 0, null);
            subscribers.forEach(s -> s.offer(keepAlive));
        }
    }

    private static Optional<Long> parse(String id) {
        try {
            return Optional.of(Long.parseLong(id.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Long setting(String key, long fallback) {
        return Settings.number(key, fallback, 1);
    }

    /** How long a tick waits between looks, for the page's and the tests' expectations. */
    public Duration interval() {
        return Duration.ofMillis(intervalMillis);
    }
}
