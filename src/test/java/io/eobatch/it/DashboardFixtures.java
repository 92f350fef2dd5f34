package io.eobatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the event and dashboard tests share: the demo catalog's AOIs and a small run over them. */
final class DashboardFixtures {

    /** aoi-statistics over two demo AOIs, one summer (36 items in 2 partitions). */
    static final String DEMO_RUN = "{\"catalog\":\"demo\",\"aois\":[\"forest\",\"lake\"],"
            + "\"from\":\"2023-06-01\",\"to\":\"2023-08-31\",\"partitions\":2}";

    private DashboardFixtures() {
    }

    /** Stores the demo catalog's AOIs unless they are stored already. */
    static void uploadDemoAois() {
        if (Api.get("/api/aois/forest").status() == 404) {
            Api.Response aois = Api.get("/api/demo/aois", "application/geo+json");
            assertEquals(200, aois.status(), aois.body());
            Api.Response up = Api.post("/api/aois", aois.body());
            assertEquals(201, up.status(), up.body());
        }
    }
}
