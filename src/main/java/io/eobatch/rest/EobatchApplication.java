package io.eobatch.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * eobatch's REST API, under {@code /api}. The annotations here head its OpenAPI document ({@code /openapi}): the
 * HTTP Basic login every operation needs, and the error answers the resources refer to by name (each a
 * {@link Problem}, {@code application/problem+json}); {@link OpenApiFilter} adds the ones every operation shares.
 */
@ApplicationPath("/api")
@OpenAPIDefinition(
        info = @Info(title = "eobatch", version = "1",
                description = "Batch Earth-observation processing on Jakarta Batch: AOIs, jobs, executions, their "
                        + "work-item ledgers and results. Every error is an RFC 9457 problem "
                        + "(application/problem+json) whose field names the request field at fault."),
        security = @SecurityRequirement(name = "basic"),
        components = @Components(
                securitySchemes = @SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP,
                        scheme = "basic", description = "a user of WildFly's application realm with the role "
                        + "viewer, operator or admin (README, Security)"),
                responses = {
                        @APIResponse(name = "BadRequest", responseCode = "400",
                                description = "a parameter, query parameter or body field is wrong: field names it",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "Unauthorized", responseCode = "401",
                                description = "no or wrong credentials (WWW-Authenticate: Basic realm=\"eobatch\")",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "Forbidden", responseCode = "403",
                                description = "the user lacks the role (viewer reads; operator also uploads, "
                                        + "launches, stops, restarts; admin also deletes), or a foreign Origin",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "NotFound", responseCode = "404",
                                description = "no such job, execution, AOI, set or file",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "Conflict", responseCode = "409",
                                description = "the state does not allow it (an execution running or not, an id "
                                        + "taken, a set in use)",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "PayloadTooLarge", responseCode = "413",
                                description = "the upload is larger than eobatch takes",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "UnsupportedMediaType", responseCode = "415",
                                description = "a body of another media type, or none (state-changing requests take "
                                        + "JSON; uploads GeoJSON or GeoPackage)",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class)))
                }))
public class EobatchApplication extends Application {
}
