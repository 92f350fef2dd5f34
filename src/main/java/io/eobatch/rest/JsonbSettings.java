package io.eobatch.rest;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyOrderStrategy;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * How the API's records are written: their fields in the order the records declare them (JSON-B's default is
 * alphabetical), so that an answer reads as its record does.
 */
@Provider
public class JsonbSettings implements ContextResolver<Jsonb> {

    /** The one configured instance (also for answers streamed by hand). */
    static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withPropertyOrderStrategy(PropertyOrderStrategy.ANY));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
