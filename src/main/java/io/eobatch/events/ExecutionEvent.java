package io.eobatch.events;

/**
 * One server-sent event: its id (for {@code Last-Event-ID}), its type ({@code execution}, {@code progress},
 * {@code item-failed}, {@code reset}), the execution it is about (0: none) and its data, one line of JSON.
 */
public record ExecutionEvent(long id, String type, long execution, String data) {
}
