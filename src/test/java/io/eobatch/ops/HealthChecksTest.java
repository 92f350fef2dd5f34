package io.eobatch.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a check answers, UP or DOWN (a DOWN one over the server is OperationsIT's business only when the database is
 * gone, which an IT cannot arrange without breaking the shared server). The API's builder is set to a plain one here:
 * SmallRye's, which WildFly provides, is not on the test class path.
 */
class HealthChecksTest {

    @BeforeAll
    static void plainBuilder() {
        HealthCheckResponse.setResponseProvider(() -> new HealthCheckResponseBuilder() {
            private String name;
            private HealthCheckResponse.Status status = HealthCheckResponse.Status.DOWN;
            private final Map<String, Object> data = new LinkedHashMap<>();

            @Override
            public HealthCheckResponseBuilder name(String n) {
                name = n;
                return this;
            }

            @Override
            public HealthCheckResponseBuilder withData(String k, String v) {
                data.put(k, v);
                return this;
            }

            @Override
            public HealthCheckResponseBuilder withData(String k, long v) {
                data.put(k, v);
                return this;
            }

            @Override
            public HealthCheckResponseBuilder withData(String k, boolean v) {
                data.put(k, v);
                return this;
            }

            @Override
            public HealthCheckResponseBuilder up() {
                return status(true);
            }

            @Override
            public HealthCheckResponseBuilder down() {
                return status(false);
            }

            @Override
            public HealthCheckResponseBuilder status(boolean up) {
                status = up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN;
                return this;
            }

            @Override
            public HealthCheckResponse build() {
                return new HealthCheckResponse(name, status, data.isEmpty() ? Optional.empty() : Optional.of(data));
            }
        });
    }

    @Test
    void aProbeThatReturnsIsUp() {
        HealthCheckResponse r = HealthChecks.check(HealthChecks.DATABASE, () -> { });
        assertEquals(HealthChecks.DATABASE, r.getName());
        assertEquals(HealthCheckResponse.Status.UP, r.getStatus());
        assertFalse(r.getData().isPresent());
    }

    @Test
    void aProbeThatThrowsIsDownWithTheExceptionsClassOnly() {
        HealthCheckResponse r = HealthChecks.check(HealthChecks.JOB_REPOSITORY, () -> {
            throw new SQLException("Database may be already in use: /srv/eobatch/db/eobatch.mv.db");
        });
        assertEquals(HealthCheckResponse.Status.DOWN, r.getStatus());
        assertEquals(Map.of("error", "java.sql.SQLException"), r.getData().orElseThrow(),
                "the message (a file name, a URL) stays in the log");
    }

    @Test
    void aLinkageErrorIsDownToo() {
        HealthCheckResponse r = HealthChecks.check("x", () -> {
            throw new NoClassDefFoundError("org/h2/Driver");
        });
        assertEquals(HealthCheckResponse.Status.DOWN, r.getStatus());
    }
}
