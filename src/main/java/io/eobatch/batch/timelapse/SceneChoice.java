package io.eobatch.batch.timelapse;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import io.eobatch.ledger.ItemStatus;

/**
 * Which scene of a month shows an AOI best: the one with the highest clear fraction inside the AOI (valid pixels /
 * AOI pixels on the scene's raster, as aoi-statistics computes it; not the scene's own {@code eo:cloud_cover}),
 * ties going to the earlier acquisition, then to the smaller item id. Scenes that hold no pixel of the AOI do not
 * count.
 *
 * <p>The month is {@link ItemStatus#NO_DATA} when no scene was found or none holds a pixel of the AOI, and
 * {@link ItemStatus#TOO_CLOUDY} when the best clear fraction is below {@code minClearFraction}; the reason says so
 * in words, with the numbers.
 */
public final class SceneChoice {

    /**
     * A scene of the month with its clear fraction over the AOI.
     *
     * @param sceneId       STAC item id
     * @param acquired      its datetime
     * @param pixelCount    AOI pixels on the scene's raster
     * @param validCount    of those, valid (not cloud, shadow, cirrus, nodata)
     * @param clearFraction validCount / pixelCount, 0 when pixelCount is 0
     */
    public record Candidate(String sceneId, Instant acquired, long pixelCount, long validCount, double clearFraction) {
        public Candidate {
            Objects.requireNonNull(sceneId, "sceneId");
            Objects.requireNonNull(acquired, "acquired");
        }
    }

    /**
     * The outcome for the month.
     *
     * @param status DONE, NO_DATA or TOO_CLOUDY
     * @param chosen the scene to render (DONE), or the best one found (TOO_CLOUDY); empty for NO_DATA
     * @param reason why not DONE; null for DONE
     */
    public record Decision(ItemStatus status, Optional<Candidate> chosen, String reason) {
    }

    /** Best first: highest clear fraction, then earliest acquisition, then item id. */
    public static final Comparator<Candidate> BEST_FIRST = Comparator
            .comparingDouble(Candidate::clearFraction).reversed()
            .thenComparing(Candidate::acquired)
            .thenComparing(Candidate::sceneId);

    private SceneChoice() {
    }

    /**
     * Chooses among the month's candidates.
     *
     * @param minClearFraction 0..1: the least clear fraction a month's best scene must reach
     * @param where            the month and AOI in words, for the reasons (e.g. "AOI field-1 in 2023-07")
     */
    public static Decision choose(List<Candidate> candidates, double minClearFraction, String where) {
        if (candidates.isEmpty()) {
            return new Decision(ItemStatus.NO_DATA, Optional.empty(), "no scene over " + where);
        }
        Optional<Candidate> best = candidates.stream().filter(c -> c.pixelCount() > 0).min(BEST_FIRST);
        if (best.isEmpty()) {
            return new Decision(ItemStatus.NO_DATA, Optional.empty(), candidates.size() + " scene(s) found but none "
                    + "holds a pixel of the AOI: " + where);
        }
        Candidate c = best.get();
        if (c.clearFraction() < minClearFraction) {
            return new Decision(ItemStatus.TOO_CLOUDY, best, String.format(Locale.ROOT,
                    "the clearest of %d scene(s) over %s, %s, has a clear fraction of %.4f (%d of %d pixels), "
                            + "below minClearFraction %s", candidates.size(), where, c.sceneId(), c.clearFraction(),
                    c.validCount(), c.pixelCount(), minClearFraction));
        }
        return new Decision(ItemStatus.DONE, best, null);
    }
}
