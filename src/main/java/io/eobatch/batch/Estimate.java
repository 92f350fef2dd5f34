package io.eobatch.batch;

import java.util.List;
import java.util.Map;

/**
 * What a launch would do, without running it ({@code POST /api/jobs/{job}/estimate}): the totals, per AOI where the
 * job works per AOI, the grid where it works on tiles, and the assumptions of the expected duration. A field that
 * does not apply to the job is null and left out of the JSON.
 *
 * @param job         the job id
 * @param provider    the provider whose calls are counted
 * @param area        the area of a tiled job
 * @param grid        the tiling grid of a tiled job
 * @param total       the totals
 * @param perAoi      per AOI, in AOI id order
 * @param assumptions latency, limits and guesses the numbers rest on
 */
public record Estimate(String job, String provider, String area, Grid grid, Total total, List<PerAoi> perAoi,
                       Map<String, Object> assumptions) {

    /** The tiling grid: EPSG code, tile size (m), pixel size (m), buffer and tile side (pixels). */
    public record Grid(int epsg, double tileSize, double resolution, int buffer, int tilePixels) {
    }

    /**
     * The totals. Counts: AOIs, items, months with scenes (timelapse), tiles and tile x scene pairs (tiled), scenes,
     * catalog searches made by the run (and by this estimate), requests, bytes to read (stac); cost in the provider's
     * unit (processing units for Sentinel Hub, with the Catalog API's apart), the expected seconds and the limit that
     * sets them, and with a budget whether the cost fits it.
     */
    public record Total(Integer aois, Long items, Long monthsWithScenes, Long tiles, Long tileScenes, Long scenes,
                        Long catalogSearches, Long searchesMade, Long requests, Long bytes, Double processingUnits,
                        Double catalogProcessingUnits, Double cost, String costUnit, Double expectedSeconds,
                        String limitedBy, Double budget, Boolean withinBudget) {

        /** A copy with the budget and whether {@link #cost} fits it; unchanged without a budget. */
        public Total withBudget(Double budget) {
            return budget == null ? this : new Total(aois, items, monthsWithScenes, tiles, tileScenes, scenes,
                    catalogSearches, searchesMade, requests, bytes, processingUnits, catalogProcessingUnits, cost,
                    costUnit, expectedSeconds, limitedBy, budget, cost <= budget);
        }
    }

    /** Per AOI: its id, months and months with scenes (timelapse), scenes, items, requests, bytes and cost. */
    public record PerAoi(String aoiId, Integer months, Long monthsWithScenes, Long scenes, Long items, Long requests,
                         Long bytes, Double cost) {
    }

    /** Rounded to 1e-4 (processing units). */
    public static double round(double d) {
        return Math.round(d * 1e4) / 1e4;
    }
}
