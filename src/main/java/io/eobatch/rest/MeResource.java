package io.eobatch.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.eobatch.security.Roles;

/** Who the caller is: {@code GET /api/me}, the user's name and eobatch roles (the dashboard shows its buttons by them). */
@Path("/me")
@Tag(name = "me", description = "who the caller is")
@RequestScoped
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
public class MeResource {

    /** The caller's name and roles. */
    public record Me(String user, List<String> roles) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's user name and eobatch roles")
    @APIResponse(responseCode = "200", description = "the user and roles")
    public Me me(@Context SecurityContext security) {
        return new Me(security.getUserPrincipal().getName(),
                List.of(Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN).stream().filter(security::isUserInRole).toList());
    }
}
