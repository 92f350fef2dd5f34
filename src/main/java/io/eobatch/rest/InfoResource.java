package io.eobatch.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.eobatch.security.Roles;

/** What this server is: a cheap call to see that the application is deployed and answering. */
@Path("/")
@RequestScoped
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
public class InfoResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", "eobatch");
        info.put("jobs", "/api/jobs");
        info.put("executions", "/api/executions");
        info.put("aois", "/api/aois");
        return info;
    }
}
