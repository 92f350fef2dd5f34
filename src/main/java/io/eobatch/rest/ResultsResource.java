package io.eobatch.rest;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Date;
import java.util.List;
import java.util.logging.Logger;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.eobatch.results.ResultFile;
import io.eobatch.results.ResultsStore;
import io.eobatch.security.Roles;

/**
 * The output files of an execution's job instance (restarts share them): a listing, and each file at a stable URL
 * {@code /api/executions/{id}/results/{path}} with its media type, length, ETag (SHA-256 of the content) and
 * Last-Modified; conditional GETs answer 304. Byte ranges as a static COG host answers them ({@link ByteRange}):
 * {@code Accept-Ranges: bytes}, one range 206 with {@code Content-Range}, a range past the end 416 (problem+json,
 * {@code Content-Range: bytes *}{@code /<size>}), several ranges the whole file (200), {@code If-Range} with the ETag
 * or the Last-Modified date; the bytes are streamed from the opened file ({@link RangeStream}), never held whole.
 *
 * <p>A download path must be a plain relative path of {@code [A-Za-z0-9._-]} segments as the request sent it:
 * anything else is 404 (problem+json), never a file: {@code ..} and {@code .} segments (even when the server
 * normalised them away before this resource saw the request), percent-encoded characters (so {@code %2F},
 * {@code %5C}, {@code %2E} never reach the file system), empty segments (an absolute path), and files the results
 * folder reaches only through a symbolic link.
 */
@Path("/executions/{id}/results")
@RequestScoped
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
@Tag(name = "results", description = "an execution's result files (CSV, JSON, charts, GIFs, COGs), with ranges")
public class ResultsResource {

    private static final Logger LOG = Logger.getLogger(ResultsResource.class.getName());

    /** Files up to this size get their SHA-256 in the listing (bigger ones once it is known from a download). */
    static final long LISTED_DIGEST_MAX = 32L << 20;

    @Inject
    ExecutionService executions;

    @Inject
    ResultsStore store;

    @Inject
    io.eobatch.batch.Jobs jobs;

    @Inject
    ResultsDeleter deleter;

    /** Every result file: path, mediaType, role, size, modified, sha256 (see above), href. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every result file of the execution's job instance")
    @APIResponse(responseCode = "200", description = "the files")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public List<ApiViews.ResultFile> list(@PathParam("id") long id) {
        long instance = executions.instanceId(id);
        deleter.refuseDeleted(id, instance);
        return store.list(instance).stream().map(f -> new ApiViews.ResultFile(f.path(), f.mediaType(), f.role(),
                f.size(), f.modified().toString(), f.size() <= LISTED_DIGEST_MAX ? digest(f) : null,
                href(id, f.path()))).toList();
    }

    /** One result file, or 404. */
    @GET
    @Path("{path: .+}")
    @Operation(summary = "One result file; one byte range (Range, If-Range) answers 206")
    @APIResponse(responseCode = "200", description = "the file")
    @APIResponse(responseCode = "206", description = "the range asked for, Content-Range")
    @APIResponse(responseCode = "304", description = "not modified (If-None-Match, If-Modified-Since)")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "416", description = "the range starts past the end (Content-Range: bytes */size)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response download(@PathParam("id") long id,
                             @Encoded @PathParam("path") @Parameter(description = "the file's path in the results "
                                     + "folder, e.g. charts/aoi-comparison.png") String path,
                             @HeaderParam("Range") String rangeHeader, @HeaderParam("If-Range") String ifRange,
                             @Context Request request, @Context HttpServletRequest http) {
        long instance = executions.instanceId(id);
        String raw = http == null ? null : http.getRequestURI();
        if (!ResultsStore.isSafeRelative(path) || (raw != null && !raw.endsWith("/results/" + path))) {
            LOG.fine(() -> "refused result path " + raw);
            throw notFound(id, path);
        }
        deleter.refuseDeleted(id, instance);
        ResultFile f = store.file(instance, path).or(() -> drawOnRequest(id, instance, path))
                .orElseThrow(() -> notFound(id, path));
        FileChannel ch;
        long size;
        try {
            // open first: a rewrite (a rename over the file) after this point does not change what is sent
            ch = FileChannel.open(f.file(), StandardOpenOption.READ);
            size = ch.size();
        } catch (IOException e) {
            throw notFound(id, path);
        }
        try {
            // the ETag is the content's SHA-256 (computed once per version of the file); none when the file was
            // replaced between looking at it and opening it
            String sha = size == f.size() ? digest(f) : null;
            EntityTag tag = sha == null ? null : new EntityTag(sha);
            Date modified = Date.from(f.modified());
            Response.ResponseBuilder unchanged = tag == null ? null : request.evaluatePreconditions(modified, tag);
            if (unchanged != null) {
                ch.close();
                return unchanged.tag(tag).header("Accept-Ranges", "bytes").build();
            }
            // Range (ByteRange): one range 206, past the end 416, several or an If-Range that no longer holds 200
            ByteRange range = ByteRange.of(rangeHeader, size);
            if (!ByteRange.ifRangeHolds(ifRange, sha, f.modified())) {
                range = ByteRange.of(null, size);
            }
            Response.ResponseBuilder r;
            if (range.kind() == ByteRange.Kind.UNSATISFIABLE) {
                ch.close();
                Problem p = new Problem(Response.Status.REQUESTED_RANGE_NOT_SATISFIABLE, "range '"
                        + shorten(rangeHeader) + "' is not within the " + size + " bytes of " + path, "Range");
                r = Response.status(p.status).type(Problem.MEDIA).entity(p);
            } else {
                boolean head = http != null && "HEAD".equals(http.getMethod());
                if (head) { // JAX-RS answers HEAD with GET's headers: no body, so nothing to keep open
                    ch.close();
                }
                r = Response.status(range.kind() == ByteRange.Kind.PARTIAL ? 206 : 200)
                        .entity(head ? null : new RangeStream(ch, range.first(), range.length()))
                        .type(f.mediaType())
                        .header("Content-Length", range.length())
                        .header("Content-Disposition", "inline; filename=\"" + f.name() + "\"");
            }
            r.header("Accept-Ranges", "bytes").header("Content-Range", range.contentRange(size))
                    .lastModified(modified);
            if (tag != null) {
                r.tag(tag);
            }
            return r.build();
        } catch (IOException | RuntimeException e) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing after a failure
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new ProblemException(Response.Status.INTERNAL_SERVER_ERROR, "cannot read result " + path
                    + " of execution " + id, null);
        }
    }

    /**
     * Deletes every result file of the execution's job instance (admin): 204; the ledger and statistics rows stay.
     * 409 while an execution of the instance runs; again on deleted results: 204 (nothing left to delete).
     */
    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Deletes the result files of the execution's job instance (admin); ledger and rows stay")
    @APIResponse(responseCode = "204", description = "deleted (or deleted before)")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response delete(@PathParam("id") long id) {
        deleter.deleteOnRequest(id);
        return Response.noContent().build();
    }

    /** A file the job draws on first request (a large run's time series), drawn now; empty when it is not one. */
    private java.util.Optional<ResultFile> drawOnRequest(long id, long instance, String path) {
        var execution = executions.find(id);
        boolean drawn = jobs.find(execution.getJobName()).map(j -> j.drawOnRequest(instance, path,
                io.eobatch.batch.JobProperties.visible(execution.getJobParameters()))).orElse(false);
        return drawn ? store.file(instance, path) : java.util.Optional.empty();
    }

    static String href(long id, String path) {
        return "/api/executions/" + id + "/results/" + path;
    }

    private String digest(ResultFile f) {
        try {
            return store.sha256(f);
        } catch (IOException e) {
            return null;
        }
    }

    private static ProblemException notFound(long id, String path) {
        return ProblemException.notFound("execution " + id + " has no result file '" + shorten(path) + "'");
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
