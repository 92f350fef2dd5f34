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

import io.eobatch.events.EventHub;
import io.eobatch.security.Roles;

/**
 * One execution's live events, {@code GET /api/executions/{id}/events} (404 for an unknown execution): the events of
 * {@link EventsResource} about this execution alone.
 */
@Path("/executions/{id}/events")
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
    public void events(@PathParam("id") long id, @Context SseEventSink sink, @Context Sse sse,
                       @HeaderParam("Last-Event-ID") String lastEventId) {
        executions.find(id);
        EventsResource.open(hub, sink, sse, id, lastEventId);
    }
}
