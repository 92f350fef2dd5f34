package io.eobatch.rest;

import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** RESTEasy's message for a parameter it could not convert: RESTEASY003870 ... QueryParam("limit") value is 'x'. */
    static final Pattern UNREADABLE_PARAM = Pattern.compile(
            "(QueryParam|PathParam|MatrixParam|HeaderParam|CookieParam|FormParam)\\(\"([^\"]*)\"\\) value is '(.*)'",
            Pattern.DOTALL);

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
            Matcher param = cause == null || e.getMessage() == null ? null : UNREADABLE_PARAM.matcher(e.getMessage());
            if (param != null && param.find()) {
                // RESTEasy answers a query or path parameter it cannot convert (?limit=abc, /executions/abc) with 404
                // (Jakarta REST 3.1, 3.2: "NotFoundException" for @QueryParam and @PathParam): the resource exists,
                // the request is malformed, so 400 naming the parameter
                p.status = 400;
                p.title = "Bad Request";
                p.field = param.group(2);
                p.detail = param.group(1).replace("Param", "").toLowerCase(java.util.Locale.ROOT) + " parameter "
                        + param.group(2) + ": '" + shortened(param.group(3)) + "' is not a valid value"
                        + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
            } else if (cause instanceof JsonbException || cause instanceof JsonParsingException) {
                p.status = 400;
                p.title = "Bad Request";
                p.detail = "the request body is not valid JSON: " + cause.getMessage();
                p.field = "body";
            }
            return Response.status(p.status).type(Problem.MEDIA).entity(p).build();
        }
    }

    private static String shortened(String value) {
        return value.length() > 100 ? value.substring(0, 100) + "..." : value;
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
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) { // e.g. a 413 thrown while a body is read
                if (c instanceof ProblemException pe) {
                    return pe.problem().toResponse();
                }
            }
            LOG.log(Level.SEVERE, "unexpected error", e);
            return new Problem(Response.Status.INTERNAL_SERVER_ERROR,
                    "unexpected error: " + e.getClass().getSimpleName() + " (details in the server log)", null)
                    .toResponse();
        }
    }
}
