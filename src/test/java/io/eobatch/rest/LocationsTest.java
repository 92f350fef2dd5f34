package io.eobatch.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.eobatch.config.EobatchConfig;

class LocationsTest {

    private static final URI REQUEST = URI.create("http://10.0.0.7:8080/api/");

    @Test
    void underTheConfiguredPublicUrlElseTheRequests() {
        Optional<URI> proxy = Optional.of(EobatchConfig.apiBase(Optional.of("https://eo.example.org/eo"), "8080"));
        assertEquals("https://eo.example.org/eo/api/executions/42",
                Locations.of(proxy, REQUEST, "executions", "42").toString());
        assertEquals("http://10.0.0.7:8080/api/executions/42",
                Locations.of(Optional.empty(), REQUEST, "executions", "42").toString());
        assertEquals("https://eo.example.org/api/aois/field-1",
                Locations.of(Optional.of(EobatchConfig.apiBase(Optional.of("https://eo.example.org/"), "8080")),
                        REQUEST, "aois", "field-1").toString());
    }

    @Test
    void eachSegmentIsEncoded() {
        assertEquals("http://10.0.0.7:8080/api/aois/a%20b%2Fc",
                Locations.of(Optional.empty(), REQUEST, "aois", "a b/c").toString());
    }
}
