package io.eobatch.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** eobatch's REST API, under {@code /api}. */
@ApplicationPath("/api")
public class EobatchApplication extends Application {
}
