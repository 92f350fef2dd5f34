package io.eobatch.provider;

import java.time.Instant;
import java.util.Objects;

/**
 * A scene found by a provider's search.
 *
 * @param id         the scene (STAC item) id
 * @param datetime   acquisition time (UTC); the start of the day when the provider gives only a date
 * @param cloudCover scene cloud cover in percent, or null
 */
public record SceneRef(String id, Instant datetime, Double cloudCover) {

    public SceneRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(datetime, "datetime");
    }
}
