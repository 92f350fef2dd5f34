package io.eobatch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrossSiteFilterTest {

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource({
        "http://127.0.0.1:8080,          http://127.0.0.1:8080/api/,   true",
        "http://127.0.0.1:8080/,         http://127.0.0.1:8080/api/,   true",
        "HTTP://LOCALHOST:8080,          http://localhost:8080/api/,   true",
        "https://eo.example.org,         https://eo.example.org/api/,  true",
        "https://eo.example.org:443,     https://eo.example.org/api/,  true",
        "http://eo.example.org,          https://eo.example.org/api/,  false",
        "http://127.0.0.1:9999,          http://127.0.0.1:8080/api/,   false",
        "http://localhost:8080,          http://127.0.0.1:8080/api/,   false",
        "https://evil.example,           http://127.0.0.1:8080/api/,   false",
        "null,                           http://127.0.0.1:8080/api/,   false",
        "'',                             http://127.0.0.1:8080/api/,   false",
        "http://127.0.0.1:8080.evil.example, http://127.0.0.1:8080/api/, false",
    })
    void sameOrigin(String origin, String base, boolean same) {
        assertEquals(same, CrossSiteFilter.sameOrigin(origin, URI.create(base)));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', value = {
        "''                                                   | ''",
        "https://a.example                                    | https://a.example",
        "' https://a.example/ , http://b.example:8081 ,,'     | https://a.example,http://b.example:8081",
    })
    void allowedOrigins(String configured, String expected) {
        assertEquals(expected.isEmpty() ? Set.of() : Set.of(expected.split(",")), CrossSiteFilter.parse(configured));
    }
}
