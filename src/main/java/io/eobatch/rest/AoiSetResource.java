package io.eobatch.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.eobatch.aoi.Aoi;
import io.eobatch.aoi.AoiSets;
import io.eobatch.batch.ParameterException;
import io.eobatch.security.Roles;

/**
 * AOI sets ({@link AoiSets}): {@code GET /api/aoi-sets} (name, AOI count, bounding box), {@code GET
 * /api/aoi-sets/{name}} (the same and a page of its AOI ids), {@code POST /api/aoi-sets/{name}} (add stored AOIs),
 * {@code DELETE /api/aoi-sets/{name}} (the AOIs stay
 * unless {@code ?aois=delete}; 409 while a running job uses the set). Sets are filled by uploads:
 * {@code POST /api/aois?set=NAME}.
 */
@Path("/aoi-sets")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
@Tag(name = "aoi-sets", description = "named sets of stored AOIs that a job can name at once")
public class AoiSetResource {

    @Inject
    AoiSets sets;

    @Inject
    ExecutionService executions;

    @Inject
    AoiChecker checker;

    /** A set: name, AOI count, bounding box (min lon, min lat, max lon, max lat), creation time, and its AOI ids. */
    @jakarta.json.bind.annotation.JsonbNillable
    public record SetView(String name, long aois, double[] bbox, String created, List<String> aoiIds, String href) {

        static SetView of(AoiSets.AoiSet s, List<String> ids) {
            return new SetView(s.name(), s.aois(), s.bbox(), s.created() == null ? null : s.created().toString(), ids,
                    "/api/aoi-sets/" + s.name());
        }
    }

    @GET
    @Operation(summary = "Every set with its AOI count and bounding box")
    public List<SetView> list() {
        return sets.list().stream().map(s -> SetView.of(s, null)).toList();
    }

    /** One set with a page of its AOI ids ({@code offset}, {@code limit} up to 10000). */
    @GET
    @Path("{name}")
    @Operation(summary = "One set with a page of its AOI ids")
    @APIResponse(responseCode = "200", description = "the set")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public SetView get(@PathParam("name") String name,
                       @QueryParam("offset") @DefaultValue("0") @Parameter(description = "ids to skip") int offset,
                       @QueryParam("limit") @DefaultValue("1000") @Parameter(description = "page size, 1..10000")
                       int limit) {
        if (offset < 0 || limit < 1 || limit > 10_000) {
            throw ProblemException.badRequest(offset < 0 ? "offset" : "limit", "out of range (limit 1..10000)");
        }
        AoiSets.AoiSet s = sets.find(name).orElseThrow(() -> unknown(name));
        return SetView.of(s, sets.memberIds(name, offset, limit));
    }

    /**
     * Adds stored AOIs to the set (made when new): body {@code {"aois": ["id", ...]}}; 200 with the set; 400 naming
     * {@code aois} for ids that are not stored (nothing added).
     */
    @POST
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @JsonBodyLimit
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Adds stored AOIs to the set, made when new (operator); body {\"aois\": [\"id\", ...]}")
    @APIResponse(responseCode = "200", description = "the set")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public SetView add(@PathParam("name") String name, String body) {
        if (!Aoi.isValidId(name)) {
            throw ProblemException.badRequest("name", Aoi.idProblem(name));
        }
        String ids = JsonBodies.parameters(JsonBodies.object(body), ADD_BODY).get("aois");
        if (ids == null || ids.isBlank()) {
            throw ProblemException.badRequest("aois", "give the ids of stored AOIs to add, e.g. {\"aois\":[\"a\"]}");
        }
        try {
            checker.check(ids, null);
        } catch (ParameterException e) {
            throw ProblemException.badRequest(e.parameter(), e.reason());
        }
        sets.add(name, List.of(ids.split(",")));
        return SetView.of(sets.find(name).orElseThrow(), null);
    }

    /** Deletes the set (and with {@code ?aois=delete} its AOIs): 204; 404 unknown; 409 while a job uses it. */
    @DELETE
    @Path("{name}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Deletes the set, and with ?aois=delete its AOIs (admin)")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response delete(@PathParam("name") String name,
                           @QueryParam("aois") @DefaultValue("keep") @Parameter(description = "keep or delete the "
                                   + "set's AOIs") String aois) {
        if (!aois.equals("keep") && !aois.equals("delete")) {
            throw ProblemException.badRequest("aois", "'" + aois + "' is not keep or delete");
        }
        sets.find(name).orElseThrow(() -> unknown(name));
        executions.runningWithSet(name).ifPresent(id -> {
            throw ProblemException.conflict("AOI set " + name + " is used by execution " + id + ", which is running: "
                    + "wait for it to end or stop it");
        });
        sets.delete(name, aois.equals("delete"));
        return Response.noContent().build();
    }

    /** The body of {@link #add}: {@code aois} alone, checked as a job's {@code aois} is. */
    private static final io.eobatch.batch.JobDefinition ADD_BODY = new io.eobatch.batch.JobDefinition("aoi-set",
            "add stored AOIs to a set", List.of(), List.of(io.eobatch.batch.CommonParameters.AOIS));

    private static ProblemException unknown(String name) {
        return new ProblemException(Response.Status.NOT_FOUND, "no AOI set named '" + name + "'", "name");
    }
}
