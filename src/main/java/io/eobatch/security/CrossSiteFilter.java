package io.eobatch.security;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import io.eobatch.config.Settings;
import io.eobatch.rest.Problem;

/**
 * Refuses what a web page on another site could make a logged-in browser send. A cross-site {@code <form>} or a
 * {@code fetch} without preflight can only send {@code text/plain}, {@code application/x-www-form-urlencoded},
 * {@code multipart/form-data} or no body at all; every state-changing endpoint declares {@code @Consumes} with JSON
 * (AOIs: GeoJSON and GeoPackage), so RESTEasy answers those types 415, and this filter answers 415 to a request
 * without {@code Content-Type} (which RESTEasy would match to any {@code @Consumes}). A state-changing request whose
 * {@code Origin} is neither this server nor one of {@code eobatch.cors.allowed-origins} is a 403. Both before
 * anything is written or started.
 *
 * <p>No CORS header is ever sent unless {@code eobatch.cors.allowed-origins} (comma separated origins, e.g.
 * {@code https://dashboard.example.org}) is set; then those origins get {@code Access-Control-Allow-Origin} and
 * {@code Vary: Origin} on their answers (a browser's preflight {@code OPTIONS} carries no credentials, so the server
 * in front of eobatch must answer it, or clients send only simple GETs).
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 10)
public class CrossSiteFilter implements ContainerRequestFilter, ContainerResponseFilter {

    /** Config key: origins allowed to call the API from a browser, comma separated; none by default. */
    public static final String ALLOWED_ORIGINS = "eobatch.cors.allowed-origins";

    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!STATE_CHANGING.contains(request.getMethod())) {
            return;
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !sameOrigin(origin, request.getUriInfo().getBaseUri()) && !allowed().contains(origin)) {
            request.abortWith(problem(Response.Status.FORBIDDEN, "cross-site request refused: Origin " + origin
                    + " is not this server and not in " + ALLOWED_ORIGINS, "Origin"));
            return;
        }
        if (!"DELETE".equals(request.getMethod()) && request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null) {
            Consumes c = resource.getResourceMethod() == null ? null
                    : resource.getResourceMethod().getAnnotation(Consumes.class);
            String accepted = c == null ? "application/json" : String.join(", ", c.value());
            request.abortWith(problem(Response.Status.UNSUPPORTED_MEDIA_TYPE, "a request without Content-Type is "
                    + "refused here; send Content-Type: " + accepted + " (a body may be empty)", "Content-Type"));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin != null && allowed().contains(origin)) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
            response.getHeaders().putSingle("Access-Control-Allow-Credentials", "true");
            response.getHeaders().add("Vary", "Origin");
        }
    }

    /** The configured origins, without a trailing slash; empty when not configured. */
    static Set<String> allowed() {
        return parse(Settings.value(ALLOWED_ORIGINS, String.class).orElse(""));
    }

    static Set<String> parse(String origins) {
        return Arrays.stream(origins.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s).collect(Collectors.toSet());
    }

    /** Whether {@code origin} (scheme://host[:port]) is the origin of {@code base}, default ports included. */
    static boolean sameOrigin(String origin, URI base) {
        URI o;
        try {
            o = URI.create(origin.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (o.getScheme() == null || o.getHost() == null || base.getScheme() == null) {
            return false;
        }
        return o.getScheme().equalsIgnoreCase(base.getScheme())
                && o.getHost().toLowerCase(Locale.ROOT).equals(String.valueOf(base.getHost()).toLowerCase(Locale.ROOT))
                && port(o) == port(base);
    }

    private static int port(URI u) {
        if (u.getPort() != -1) {
            return u.getPort();
        }
        return List.of("https", "wss").contains(u.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
    }

    private static Response problem(Response.Status status, String detail, String field) {
        return new Problem(status, detail, field).toResponse();
    }
}
