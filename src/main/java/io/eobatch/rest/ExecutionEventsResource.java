package io.eobatch.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.eobatch.events.EventHub;
import io.eobatch.security.Roles;

/**
 * One execution's live events, {@code GET /api/executions/{id}/events} (404 for an unknown execution): the events of
 * {@link EventsResource} about this execution alone.
 */
@Path("/executions/{id}/events")
@Tag(name = "events")
@RequestScoped
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
public class ExecutionEventsResource {

    @Inject
    EventHub hub;

    @Inject
    ExecutionService executions;

    /** The stream; resumes after {@code Last-Event-ID}. */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "One execution's live events (text/event-stream), resumable with Last-Event-ID")
    @APIResponse(responseCode = "200", description = "the stream: hello, execution, progress, item-failed, reset")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", description = "too many open streams")
    public void events(@PathParam("id") long id, @Context SseEventSink sink, @Context Sse sse,
                       @HeaderParam("Last-Event-ID") @Parameter(description = "the id of the last event received")
                       String lastEventId) {
        executions.find(id);
        EventsResource.open(hub, sink, sse, id, lastEventId);
    }
}
