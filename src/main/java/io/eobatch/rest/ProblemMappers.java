package io.eobatch.rest;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Every error leaves as problem+json: ours as they are, the framework's with their status, the rest as 500. */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    @Provider
    public static class Ours implements ExceptionMapper<ProblemException> {
        @Override
        public Response toResponse(ProblemException e) {
            return e.problem().toResponse();
        }
    }

    @Provider
    public static class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response.StatusType status = e.getResponse().getStatusInfo();
            Problem p = new Problem();
            p.status = status.getStatusCode();
            p.title = status.getReasonPhrase();
            p.detail = e instanceof NotFoundException ? "no such resource" : e.getMessage();
            Throwable cause = e.getCause();
            if (cause instanceof JsonbException || cause instanceof JsonParsingException) {
                p.status = 400;
                p.title = "Bad Request";
                p.detail = "the request body is not valid JSON: " + cause.getMessage();
                p.field = "body";
            }
            return Response.status(p.status).type(Problem.MEDIA).entity(p).build();
        }
    }

    @Provider
    public static class Json implements ExceptionMapper<JsonParsingException> {
        @Override
        public Response toResponse(JsonParsingException e) {
            return new Problem(Response.Status.BAD_REQUEST, "the request body is not valid JSON: " + e.getMessage(),
                    "body").toResponse();
        }
    }

    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            if (e instanceof ProblemException pe) {
                return pe.problem().toResponse();
            }
            if (e instanceof WebApplicationException we) {
                return new Web().toResponse(we);
            }
            LOG.log(Level.SEVERE, "unexpected error", e);
            return new Problem(Response.Status.INTERNAL_SERVER_ERROR,
                    "unexpected error: " + e.getClass().getSimpleName() + " (details in the server log)", null)
                    .toResponse();
        }
    }
}
