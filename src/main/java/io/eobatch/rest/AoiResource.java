package io.eobatch.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.eobatch.aoi.AoiConflictException;
import io.eobatch.aoi.AoiJson;
import io.eobatch.aoi.AoiLimits;
import io.eobatch.aoi.AoiRejectedException;
import io.eobatch.aoi.AoiRepository;
import io.eobatch.aoi.AoiSets;
import io.eobatch.aoi.GeoJsonAoiReader;
import io.eobatch.aoi.GeoPackageAoiReader;
import io.eobatch.aoi.ParsedAoi;
import io.eobatch.aoi.Aoi;
import io.eobatch.config.Limits;
import io.eobatch.security.Roles;

/**
 * Areas of interest: upload (GeoJSON or GeoPackage), list, get, delete.
 *
 * <ul>
 *   <li>{@code POST /api/aois}, {@code Content-Type: application/geo+json} or {@code application/json}: a
 *       FeatureCollection, a Feature or a bare Polygon/MultiPolygon ({@link GeoJsonAoiReader});
 *       {@code application/geopackage+sqlite3}, or {@code application/octet-stream} with {@code ?format=gpkg}:
 *       a GeoPackage, every feature table or the one in {@code ?layer=} ({@link GeoPackageAoiReader}).
 *       201 with the stored AOIs as a FeatureCollection, and a {@code Location} when there is one AOI.
 *       All or nothing: 400 (bad content), 409 (id taken, in the store or twice in the upload) or 413 (limits
 *       of {@link AoiLimits}) with a problem whose {@code field} names the feature, and nothing stored. With
 *       {@code ?set=NAME} the AOIs are also added to that AOI set (made when new; see {@link AoiSetResource}), in
 *       the same transaction; a GeoPackage upload with {@code ?layer=L&set=} names the set after its layer.</li>
 *   <li>{@code GET /api/aois}: every AOI as a FeatureCollection, ordered by id; {@code ?geometry=false} leaves
 *       the geometries out.</li>
 *   <li>{@code GET /api/aois/{id}}: one AOI as a Feature; {@code DELETE /api/aois/{id}}: 204; both 404 when
 *       unknown.</li>
 * </ul>
 */
@Path("/aois")
@RequestScoped
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
@Tag(name = "aois", description = "areas of interest: upload (GeoJSON, GeoPackage), list, read, delete")
public class AoiResource {

    public static final String GEOJSON = "application/geo+json";
    public static final String GEOPACKAGE = "application/geopackage+sqlite3";

    @Inject
    AoiRepository repository;

    @Inject
    AoiSets sets;

    @Inject
    ExecutionService executions;

    @Context
    UriInfo uriInfo;

    @POST
    @Consumes({GEOJSON, MediaType.APPLICATION_JSON})
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Produces({GEOJSON, MediaType.APPLICATION_JSON})
    @Operation(summary = "Stores the AOIs of a GeoJSON FeatureCollection or a GeoPackage layer (operator)",
            description = "All or nothing: each rejected feature is named with its reason and nothing is stored.")
    @APIResponse(responseCode = "201", description = "stored: the AOIs as GeoJSON")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    public Response uploadGeoJson(InputStream body, @Context HttpHeaders headers,
            @QueryParam("set") @Parameter(description = "also add the AOIs to this set (made when new)") String set) {
        checkSetName(set);
        Limits limits = Limits.current();
        byte[] bytes = readLimited(body, headers, limits.aoiUpload().maxBodyBytes());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return store(parse(() -> GeoJsonAoiReader.read(bytes, now, limits.aoiUpload())), set, limits);
    }

    @POST
    @Consumes({GEOPACKAGE, MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Produces({GEOJSON, MediaType.APPLICATION_JSON})
    @Operation(summary = "Stores the AOIs of a GeoJSON FeatureCollection or a GeoPackage layer (operator)",
            description = "All or nothing: each rejected feature is named with its reason and nothing is stored.")
    @APIResponse(responseCode = "201", description = "stored: the AOIs as GeoJSON")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    public Response uploadGeoPackage(InputStream body, @Context HttpHeaders headers,
            @QueryParam("format") @Parameter(description = "gpkg: read an application/octet-stream body as a "
                    + "GeoPackage") String format,
            @QueryParam("layer") @Parameter(description = "the GeoPackage layer (feature table) to read") String layer,
            @QueryParam("set") @Parameter(description = "also add the AOIs to this set (made when new); empty: "
                    + "the set is named after the layer") String given) {
        // ?set= without a name: the set takes the name of the GeoPackage layer read (?layer=)
        String set = given != null && given.isEmpty() ? layer : given;
        if (given != null && given.isEmpty() && (layer == null || layer.isBlank())) {
            throw ProblemException.badRequest("set", "an empty ?set= names the set after the layer: give ?layer=NAME "
                    + "too, or a set name");
        }
        checkSetName(set);
        MediaType type = headers.getMediaType();
        if (type != null && type.isCompatible(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                && !"gpkg".equalsIgnoreCase(format) && !"geopackage".equalsIgnoreCase(format)) {
            throw new ProblemException(Response.Status.UNSUPPORTED_MEDIA_TYPE, "an application/octet-stream"
                    + " body is read as a GeoPackage only with ?format=gpkg; or send Content-Type " + GEOPACKAGE
                    + " (GeoPackage) or " + GEOJSON + " (GeoJSON)", "format");
        }
        Limits limits = Limits.current();
        byte[] bytes = readLimited(body, headers, limits.aoiUpload().maxBodyBytes());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return store(parse(() -> GeoPackageAoiReader.read(bytes, layer, now, limits.aoiUpload())), set, limits);
    }

    @GET
    @Produces({GEOJSON, MediaType.APPLICATION_JSON})
    @Operation(summary = "Every stored AOI, as a GeoJSON FeatureCollection")
    @APIResponse(responseCode = "200", description = "the AOIs")
    public Response list(@QueryParam("geometry") @DefaultValue("true")
                         @Parameter(description = "false: properties only, no geometries") String geometryParam) {
        if (!geometryParam.equals("true") && !geometryParam.equals("false")) {
            throw ProblemException.badRequest("geometry", "'" + geometryParam + "' is not true or false");
        }
        boolean geometry = geometryParam.equals("true");
        List<Aoi> aois = repository.list();
        StreamingOutput out = stream -> AoiJson.featureCollection(aois, geometry, stream);
        return Response.ok(out).build();
    }

    @GET
    @Path("{id}")
    @Produces({GEOJSON, MediaType.APPLICATION_JSON})
    @Operation(summary = "One AOI, as a GeoJSON Feature")
    @APIResponse(responseCode = "200", description = "the AOI")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("id") String id) {
        Aoi aoi = repository.find(id).orElseThrow(() -> unknown(id));
        return Response.ok(AoiJson.feature(aoi)).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Deletes an AOI (admin)")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response delete(@PathParam("id") String id) {
        repository.find(id).orElseThrow(() -> unknown(id));
        executions.runningWithAoi(id, sets).ifPresent(running -> {
            throw ProblemException.conflict("AOI " + id + " is used by execution " + running + ", which is running: "
                    + "wait for it to end or stop it");
        });
        if (!repository.delete(id)) {
            throw unknown(id);
        }
        return Response.noContent().build();
    }

    /** {@code ?set=}: a set name follows the rules of AOI ids. */
    private static void checkSetName(String set) {
        if (set != null && !Aoi.isValidId(set)) {
            throw ProblemException.badRequest("set", Aoi.idProblem(set));
        }
    }

    /** Stores the AOIs (and adds them to {@code set} when given), all or nothing. */
    private Response store(List<ParsedAoi> parsed, String set, Limits limits) {
        checkVertices(parsed, limits.aoiVertices());
        List<Aoi> aois = parsed.stream().map(ParsedAoi::aoi).toList();
        try {
            if (set == null) {
                repository.saveAll(aois);
            } else {
                sets.storeInto(set, aois);
            }
        } catch (AoiConflictException e) {
            String first = e.ids().isEmpty() ? null : e.ids().get(0);
            String field = parsed.stream().filter(p -> p.aoi().id().equals(first)).map(ParsedAoi::field)
                    .findFirst().orElse(null);
            throw new ProblemException(new Problem(Response.Status.CONFLICT, e.getMessage(), field)
                    .with("ids", e.ids()));
        }
        Response.ResponseBuilder created = Response.status(Response.Status.CREATED)
                .entity(AoiJson.featureCollection(aois, true));
        if (aois.size() == 1) {
            URI location = Locations.of(uriInfo, "aois", aois.get(0).id());
            created.location(location);
        }
        return created.build();
    }

    /**
     * Each AOI's vertices against {@link Limits#aoiVertices()}: work per AOI (masks, coverage fractions) grows with
     * them. 413 naming the feature, nothing stored.
     */
    static void checkVertices(List<ParsedAoi> parsed, int max) {
        for (ParsedAoi p : parsed) {
            int n = p.aoi().geometry().getNumPoints();
            if (n > max) {
                throw new ProblemException(new Problem(Response.Status.REQUEST_ENTITY_TOO_LARGE, "AOI '"
                        + p.aoi().id() + "' has " + n + " vertices, more than the " + max + " an AOI may have ("
                        + Limits.AOI_VERTICES + "); simplify it", p.field()).with("vertices", n));
            }
        }
    }

    private static List<ParsedAoi> parse(Supplier<List<ParsedAoi>> reader) {
        try {
            return reader.get();
        } catch (AoiRejectedException e) {
            Problem p = new Problem(Response.Status.fromStatusCode(e.kind().status), e.getMessage(), e.field());
            for (Map.Entry<String, Object> fact : e.facts().entrySet()) {
                p.with(fact.getKey(), fact.getValue());
            }
            throw new ProblemException(p);
        }
    }

    private static ProblemException unknown(String id) {
        return new ProblemException(Response.Status.NOT_FOUND, "no AOI with id '" + id + "'", "id");
    }

    /**
     * The body, refused with 413 beyond {@code max} bytes ({@link AoiLimits#maxBodyBytes()}): by its
     * Content-Length before reading, else while reading (also when the server's own limit, Undertow's max-post-size,
     * cuts the request).
     */
    private static byte[] readLimited(InputStream body, HttpHeaders headers, long max) {
        ProblemException tooLarge = new ProblemException(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "the body is larger than " + max + " bytes (" + AoiLimits.KEY_BODY_BYTES + "); split the upload",
                "body");
        if (headers.getLength() > max) {
            throw tooLarge;
        }
        try (body) {
            byte[] bytes = body.readNBytes((int) max + 1);
            if (bytes.length > max) {
                throw tooLarge;
            }
            return bytes;
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("larger than")) {
                throw tooLarge;
            }
            throw new UncheckedIOException("could not read the request body", e);
        }
    }
}
