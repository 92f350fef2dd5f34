package io.eobatch.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.eobatch.demo.DemoCatalog;
import io.eobatch.security.Roles;

/** The embedded synthetic demo data: its AOIs, to upload with POST /api/aois. */
@Path("/demo")
@RequestScoped
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
@Tag(name = "demo", description = "the embedded synthetic demo data")
public class DemoResource {

    @Inject
    DemoCatalog demo;

    /** The demo AOIs as a GeoJSON FeatureCollection (synthetic data: see the catalog's description). */
    @GET
    @Path("aois")
    @Produces("application/geo+json")
    @Operation(summary = "The demo AOIs as a GeoJSON FeatureCollection, to upload with POST /api/aois")
    public String aois() {
        return demo.aoisGeoJson();
    }
}
