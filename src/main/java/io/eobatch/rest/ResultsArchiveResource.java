package io.eobatch.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.eobatch.results.ResultsArchive;
import io.eobatch.results.ResultsStac;
import io.eobatch.security.Roles;

/**
 * {@code GET /api/executions/{id}/results.zip}: every result file of the execution's job instance and its STAC
 * catalog with relative links, as one ZIP archive streamed while it is written ({@link ResultsArchive}; chunked
 * transfer, no Content-Length: the size is known only at the end). 404 for an unknown execution, 410 when the results
 * were deleted.
 */
@Path("/executions/{id}/results.zip")
@Tag(name = "results")
@RequestScoped
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
public class ResultsArchiveResource {

    public static final String ZIP = "application/zip";

    @Inject
    ExecutionService executions;

    @Inject
    ResultsDeleter deleter;

    @Inject
    StacResource stac;

    /** The archive; no {@code @Produces}, so a client that accepts only JSON still gets its 404/410 problem. */
    @GET
    @Operation(summary = "Every result file and the STAC catalog (relative links) as one ZIP, streamed")
    @APIResponse(responseCode = "200", description = "the archive (application/zip, chunked)")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "410", description = "the results were deleted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response archive(@PathParam("id") long id) {
        long instance = executions.instanceId(id);
        deleter.refuseDeleted(id, instance);
        ResultsStac catalog = stac.stac(id);
        StreamingOutput body = out -> ResultsArchive.write(out, catalog.files(), catalog);
        return Response.ok(body, ZIP)
                .header("Content-Disposition", "attachment; filename=\"execution-" + id + "-results.zip\"")
                .build();
    }
}
