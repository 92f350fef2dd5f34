package io.eobatch.rest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.ws.rs.core.UriInfo;

import io.eobatch.config.EobatchConfig;

/**
 * The {@code Location} of a 201 answer (a launched, restarted or retried execution, an uploaded AOI): under the
 * configured public URL ({@code eobatch.public-url}), as the STAC hrefs are, so that behind a reverse proxy it names
 * the proxy's URL and not the host the proxy asked; the request's own base URL only when no public URL is configured.
 */
final class Locations {

    private Locations() {
    }

    /** The URL of {@code segments} (each one path segment, encoded here) under the API's base, as the class says. */
    static URI of(UriInfo request, String... segments) {
        return of(EobatchConfig.configuredPublicApiBase(), request.getBaseUri(), segments);
    }

    /**
     * The rule of {@link #of(UriInfo, String...)}: {@code segments} under {@code publicApi} (the API's public base,
     * ending in {@code /api/}) when present, else under {@code requestBase} (the request's base, also the API's).
     */
    static URI of(Optional<URI> publicApi, URI requestBase, String... segments) {
        String base = publicApi.orElse(requestBase).toString();
        StringBuilder path = new StringBuilder(base.endsWith("/") ? base : base + "/");
        for (int i = 0; i < segments.length; i++) {
            path.append(i == 0 ? "" : "/")
                    .append(URLEncoder.encode(segments[i], StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return URI.create(path.toString());
    }
}
