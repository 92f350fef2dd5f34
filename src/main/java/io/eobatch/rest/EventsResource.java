package io.eobatch.rest;

import java.util.concurrent.CompletionStage;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.eobatch.events.EventHub;
import io.eobatch.events.ExecutionEvent;
import io.eobatch.events.Subscriber;
import io.eobatch.security.Roles;

/**
 * Live events as Server-Sent Events ({@code text/event-stream}): {@code GET /api/events} for every execution,
 * {@code GET /api/executions/{id}/events} for one. Event types: {@code hello}, {@code execution} (status change),
 * {@code progress} (item counts), {@code item-failed} (reason, attempts), {@code reset} (reload: the events after
 * the client's {@code Last-Event-ID} are gone). Every role may read them. {@link EventHub} says how they are made and
 * bounded. With curl: {@code curl -N -u demo-viewer:... http://127.0.0.1:8080/api/events}.
 */
@Path("/events")
@Tag(name = "events", description = "live Server-Sent Events: status changes, progress and item failures")
@RequestScoped
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
public class EventsResource {

    @Inject
    EventHub hub;

    /** Every execution's events. */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Every execution's live events (text/event-stream), resumable with Last-Event-ID")
    @APIResponse(responseCode = "200", description = "the stream: hello, execution, progress, item-failed, reset")
    @APIResponse(responseCode = "503", description = "too many open streams")
    public void all(@Context SseEventSink sink, @Context Sse sse,
                    @HeaderParam("Last-Event-ID") @Parameter(description = "the id of the last event received")
                    String lastEventId) {
        open(hub, sink, sse, 0, lastEventId);
    }

    static void open(EventHub hub, SseEventSink sink, Sse sse, long execution, String lastEventId) {
        if (hub.full()) {
            throw new ProblemException(Response.Status.SERVICE_UNAVAILABLE,
                    "too many event streams are open on this server; try again later", null);
        }
        hub.subscribe(new Subscriber.Sink() {
            @Override
            public CompletionStage<?> send(ExecutionEvent e) {
                return sink.send(outbound(sse, e));
            }

            @Override
            public void close() {
                sink.close();
            }

            @Override
            public boolean isClosed() {
                return sink.isClosed();
            }
        }, execution, lastEventId);
    }

    private static OutboundSseEvent outbound(Sse sse, ExecutionEvent e) {
        if (e.type() == null) {
            return sse.newEventBuilder().comment("keep-alive").build();
        }
        return sse.newEventBuilder().id(String.valueOf(e.id())).name(e.type())
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(e.data()).reconnectDelay(3000).build();
    }
}
