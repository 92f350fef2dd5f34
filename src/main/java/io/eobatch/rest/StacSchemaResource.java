package io.eobatch.rest;

import java.io.InputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.eobatch.results.ResultsStac;
import io.eobatch.security.Roles;

/**
 * The JSON Schema of the {@code eobatch:} fields of the STAC documents this server serves, at the URL they list in
 * {@code stac_extensions} ({@value ResultsStac#EOBATCH_SCHEMA_PATH} under {@code /api}), so that a STAC validator
 * checks them as it checks the official extensions.
 */
@Path("/stac/eobatch/v1.0.0/schema.json")
@RequestScoped
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
@Tag(name = "stac")
public class StacSchemaResource {

    /** The schema's class-path location (a main resource: the tests validate against the same file). */
    static final String RESOURCE = "/" + ResultsStac.EOBATCH_SCHEMA_PATH;

    @GET
    @Produces({"application/schema+json", "application/json"})
    @Operation(summary = "The JSON Schema of the eobatch: fields of the STAC documents (stac_extensions)")
    public Response schema() {
        InputStream in = StacSchemaResource.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw ProblemException.notFound("the eobatch STAC extension schema is not in this build");
        }
        return Response.ok(in, "application/schema+json").build();
    }
}
