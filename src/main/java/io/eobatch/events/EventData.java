package io.eobatch.events;

import jakarta.json.bind.annotation.JsonbNillable;

/** The data of the events, each written as one line of JSON. */
public final class EventData {

    private EventData() {
    }

    /**
     * Event {@code execution}: an execution appeared or its batch or exit status changed. Times are ISO-8601 UTC
     * instants; null until they happen.
     */
    @JsonbNillable
    public record Execution(long execution, String job, long instanceId, String status, String exitStatus,
                            String created, String started, String ended) {
    }

    /**
     * Event {@code progress}: the item counts of an execution's ledger changed; the same numbers as
     * {@code GET /api/executions/{id}} {@code progress} (items; percent finished, 0-100).
     */
    public record Progress(long execution, long instanceId, long total, long done, long noData, long tooCloudy,
                           long failed, long pending, long inFlight, double percent) {
    }

    /** Event {@code item-failed}: an item of an execution's ledger became FAILED, with its reason and attempts. */
    @JsonbNillable
    public record ItemFailed(long execution, long item, String key, String aoiId, String sceneId, int attempts,
                             String lastError, String at) {
    }

    /**
     * Event {@code hello} (first on every stream; its id is the last event's, so a reconnect resumes from here) and
     * {@code reset} (the events after the client's {@code Last-Event-ID} are no longer kept: reload the state).
     */
    public record Stream(String reason, long lastEventId, long execution) {
    }
}
