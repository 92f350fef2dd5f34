package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InfoIT {

    @BeforeAll
    static void ready() {
        Api.awaitReady(Duration.ofMinutes(3));
    }

    @Test
    void rootDescribesTheApi() {
        Api.Response r = Api.get("/api/");
        assertEquals(200, r.status());
        assertEquals("/api/jobs", r.json().getString("jobs"));
    }
}
