package io.eobatch.raster.stats;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import io.eobatch.raster.RasterBand;

/**
 * One Sentinel-2 L2A scene (STAC item) as the statistics see it: its reflectance bands, its scene classification
 * and the DN offset to apply. The statistics read windows of the bands; they do not close them (the caller opened
 * them).
 *
 * @param itemId     STAC item id, e.g. "S2B_33TWL_20230820_0_L2A" (ordering and messages)
 * @param cloudCover the item's {@code eo:cloud_cover} in percent, {@code NaN} when unknown (orders a mosaic)
 * @param bands      the reflectance bands; must hold at least the bands of the index computed
 * @param scl        the scene classification band (20 m on real data: resampled nearest onto the band grid)
 * @param boaOffset  DN offset added before scaling to reflectance: 0, or -1000 for processing baseline >= 04.00
 *                   when the provider has not already applied it (see {@link #boaOffset(String, Boolean)})
 */
public record SceneInput(String itemId, double cloudCover, Map<Band, RasterBand> bands, RasterBand scl,
                         int boaOffset) {

    /**
     * The order of scenes in a per-day mosaic: least {@code cloudCover} first ({@code NaN} last), then item id.
     */
    public static final Comparator<SceneInput> MOSAIC_ORDER = Comparator
            .comparingDouble((SceneInput s) -> Double.isNaN(s.cloudCover()) ? Double.POSITIVE_INFINITY : s.cloudCover())
            .thenComparing(SceneInput::itemId);

    public SceneInput {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(bands, "bands");
        Objects.requireNonNull(scl, "scl of " + itemId);
        bands = bands.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(bands));
    }

    /** The band for {@code band}, or an error naming the item and the band. */
    public RasterBand band(Band band) {
        RasterBand b = bands.get(band);
        if (b == null) {
            throw new IllegalArgumentException("scene " + itemId + " has no " + band + " (" + band.sentinel2Name()
                    + ") band; it has " + bands.keySet());
        }
        return b;
    }

    /**
     * The DN offset of a scene: -1000 when the processing baseline is 04.00 or later and the provider has not
     * already applied it ({@code earthsearch:boa_offset_applied} not true), else 0.
     *
     * @param processingBaseline {@code s2:processing_baseline}, e.g. "05.09"; null or blank means "unknown": 0
     * @param boaOffsetApplied   {@code earthsearch:boa_offset_applied}; null means not applied
     */
    public static int boaOffset(String processingBaseline, Boolean boaOffsetApplied) {
        if (Boolean.TRUE.equals(boaOffsetApplied) || processingBaseline == null || processingBaseline.isBlank()) {
            return 0;
        }
        double baseline;
        try {
            baseline = Double.parseDouble(processingBaseline.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad s2:processing_baseline '" + processingBaseline + "'", e);
        }
        return baseline >= 4.0 ? -1000 : 0;
    }
}
