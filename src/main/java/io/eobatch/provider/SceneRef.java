package io.eobatch.provider;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A scene found by a provider's search.
 *
 * @param id         the scene (STAC item) id
 * @param datetime   acquisition time (UTC); the start of the day when the provider gives only a date
 * @param cloudCover scene cloud cover in percent, or null
 */
public record SceneRef(String id, Instant datetime, Double cloudCover) {

    /**
     * Least cloudy first (scene cloud cover, unknown last), then the earlier acquisition, then the id: the order of
     * Sentinel Hub's {@code leastCC} mosaicking, and the scene a remote provider's monthly image is drawn from.
     */
    public static final Comparator<SceneRef> LEAST_CLOUDY_FIRST = Comparator
            .comparing(SceneRef::cloudCover, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(SceneRef::datetime)
            .thenComparing(SceneRef::id);

    public SceneRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(datetime, "datetime");
    }
}
