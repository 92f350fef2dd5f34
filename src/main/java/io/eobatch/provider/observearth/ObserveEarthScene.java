package io.eobatch.provider.observearth;

import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A Sentinel-2 scene found by {@code POST /api/s2/search/}.
 *
 * @param id         the scene id ("S2A_MSIL2A_20230105T..."), what {@code /api/s2/image/} takes as {@code item_id}
 * @param date       acquisition date (UTC)
 * @param cloudCover scene cloud cover in percent, NaN when the answer has none
 * @param platform   "Sentinel-2A" or "Sentinel-2B", or null
 * @param raw        the answer's object, for fields not read here
 */
public record ObserveEarthScene(String id, LocalDate date, double cloudCover, String platform, JsonObject raw) {

    public ObserveEarthScene {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(date, "date");
    }
}
