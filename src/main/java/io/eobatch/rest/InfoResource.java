package io.eobatch.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.eobatch.security.Roles;

/** What this server is: a cheap call to see that the application is deployed and answering. */
@Path("/")
@RequestScoped
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
@Tag(name = "info", description = "what this server is")
public class InfoResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Links to the API's collections: a cheap call to see that eobatch answers")
    public Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", "eobatch");
        info.put("jobs", "/api/jobs");
        info.put("executions", "/api/executions");
        info.put("aois", "/api/aois");
        return info;
    }
}
