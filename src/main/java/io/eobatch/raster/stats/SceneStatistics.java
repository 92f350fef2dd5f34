package io.eobatch.raster.stats;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

import io.eobatch.raster.Footprints;
import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.NearestResampler;
import io.eobatch.raster.PixelCoverage;
import io.eobatch.raster.PixelMask;
import io.eobatch.raster.PixelWindow;
import io.eobatch.raster.PolygonCoverage;
import io.eobatch.raster.PolygonRasterizer;
import io.eobatch.raster.RasterBand;
import io.eobatch.raster.Reprojection;

/**
 * Zonal statistics of a spectral index over an AOI polygon on a Sentinel-2 L2A scene, or on a per-day mosaic of
 * scenes, with the same pixel semantics as the GDAL reference ({@code shared/tools/gdal_zonal_ndvi.py}):
 * <ol>
 *   <li>The AOI is reprojected vertex by vertex to the CRS of the band grid ({@link Reprojection}).</li>
 *   <li>It is burnt on the band grid, a pixel being in when its centre is inside ({@link PolygonRasterizer},
 *       GDAL's rules). Only the window of the AOI's bounding box is considered; only that window of each band is
 *       read, never whole bands.</li>
 *   <li>The SCL is sampled nearest at each band pixel's centre on its own (coarser or equal) grid
 *       ({@link NearestResampler}).</li>
 *   <li>A pixel is invalid when a needed band's DN is 0 or the band's declared nodata, when its SCL class is in the
 *       {@link CloudMask}, or when the index denominator is 0.</li>
 *   <li>The index is computed in double precision from {@code (DN + boaOffset)} (see {@link SpectralIndex}) and
 *       summarised into {@link IndexStatistics}.</li>
 * </ol>
 * An AOI outside the scene, or too small to hold a pixel centre, gives {@code pixelCount == 0}, not an error.
 *
 * <p>With {@link Weighting#COVERAGE} step 2 changes: every pixel of the band grid gets the weight c = area(pixel ∩
 * AOI) / area(pixel), computed exactly in the band's CRS by {@link PolygonCoverage} on the reprojected AOI, over the
 * window of the AOI's bounding box (clipped to the grid: pixels off the raster are left out, as under the centre
 * rule); the pixels with c &gt; 0 are classified by the same rules 3 and 4, and the weighted statistics are those
 * of {@link IndexStatistics} ({@code coverage}, {@code validCoverage}, weighted mean, stdev and percentiles). An AOI
 * smaller than a pixel then has values (the pixels it touches), with a coverage below 1.
 * {@link Weighting#CENTRE}, the default, runs exactly the code and gives exactly the numbers it always did.
 *
 * <p>Stateless and thread-safe as long as the bands are.
 */
public final class SceneStatistics {

    private SceneStatistics() {
    }

    /**
     * Statistics of {@code index} over an AOI given in WGS 84.
     *
     * @param aoiWgs84 Polygon or MultiPolygon in EPSG:4326, x = longitude, y = latitude (GeoJSON order)
     * @throws IOException when a band cannot be read
     */
    public static IndexStatistics compute(SceneInput input, Geometry aoiWgs84, SpectralIndex index, CloudMask mask)
            throws IOException {
        return compute(input, aoiWgs84, Reprojection.WGS84, index, mask, Weighting.CENTRE);
    }

    /**
     * Statistics of {@code index} over an AOI given in WGS 84, with the pixels weighted as {@code weighting} says.
     *
     * @param aoiWgs84 Polygon or MultiPolygon in EPSG:4326, x = longitude, y = latitude (GeoJSON order)
     * @throws IOException when a band cannot be read
     */
    public static IndexStatistics compute(SceneInput input, Geometry aoiWgs84, SpectralIndex index, CloudMask mask,
                                          Weighting weighting) throws IOException {
        return compute(input, aoiWgs84, Reprojection.WGS84, index, mask, weighting);
    }

    /**
     * Statistics of {@code index} over an AOI given in any EPSG CRS (x = easting or longitude).
     *
     * @param aoiEpsg the AOI's CRS; when it is the band grid's, no reprojection happens
     */
    public static IndexStatistics compute(SceneInput input, Geometry aoi, int aoiEpsg, SpectralIndex index,
                                          CloudMask mask) throws IOException {
        return compute(input, aoi, aoiEpsg, index, mask, Weighting.CENTRE);
    }

    /**
     * Statistics of {@code index} over an AOI given in any EPSG CRS (x = easting or longitude), with the pixels
     * weighted as {@code weighting} says (see the class Javadoc).
     *
     * @param aoiEpsg the AOI's CRS; when it is the band grid's, no reprojection happens
     */
    public static IndexStatistics compute(SceneInput input, Geometry aoi, int aoiEpsg, SpectralIndex index,
                                          CloudMask mask, Weighting weighting) throws IOException {
        GridGeometry grid = input.band(index.bands().get(0)).grid();
        Geometry aoiOnGrid = aoiOnGrid(aoi, aoiEpsg, grid);
        if (aoiOnGrid == null) {
            return noPixels(weighting);
        }
        if (weighting == Weighting.COVERAGE) {
            PixelCoverage coverage = PolygonCoverage.coverage(aoiOnGrid, grid);
            return statistics(List.of(input), coverage.mask(), coverage, index, mask);
        }
        return statistics(List.of(input), PolygonRasterizer.rasterize(aoiOnGrid, grid), null, index, mask);
    }

    /**
     * The AOI's pixels on the scene's grid (the grid of the index's first band), over the window of the AOI's
     * bounding box clipped to the grid; {@code null} when the AOI cannot touch the grid. Shared with
     * {@link SceneRender}, so that images and statistics see the same pixels.
     */
    static PixelMask aoiPixels(SceneInput input, Geometry aoi, int aoiEpsg, SpectralIndex index) {
        GridGeometry grid = input.band(index.bands().get(0)).grid();
        Geometry aoiOnGrid = aoiOnGrid(aoi, aoiEpsg, grid);
        return aoiOnGrid == null ? null : PolygonRasterizer.rasterize(aoiOnGrid, grid);
    }

    /** The AOI reprojected to the grid's CRS, or {@code null} when it cannot touch the grid. */
    private static Geometry aoiOnGrid(Geometry aoi, int aoiEpsg, GridGeometry grid) {
        if (!mayOverlap(aoi, aoiEpsg, grid)) {
            return null;
        }
        return Reprojection.transform(aoi, aoiEpsg, grid.epsg());
    }

    /** The statistics of an AOI that touches no pixel. */
    private static IndexStatistics noPixels(Weighting weighting) {
        return weighting == Weighting.COVERAGE ? IndexStatistics.noValidPixels(0, 0, 0.0)
                : IndexStatistics.noValidPixels(0, 0);
    }

    /** {@link #computeMosaic(List, Geometry, int, SpectralIndex, CloudMask)} of an AOI in WGS 84 (lon/lat). */
    public static IndexStatistics computeMosaic(List<SceneInput> scenesOfOneDay, Geometry aoiWgs84,
                                                SpectralIndex index, CloudMask mask) throws IOException {
        return computeMosaic(scenesOfOneDay, aoiWgs84, Reprojection.WGS84, index, mask, Weighting.CENTRE);
    }

    /** {@link #computeMosaic(List, Geometry, int, SpectralIndex, CloudMask, Weighting)} of an AOI in WGS 84. */
    public static IndexStatistics computeMosaic(List<SceneInput> scenesOfOneDay, Geometry aoiWgs84,
                                                SpectralIndex index, CloudMask mask, Weighting weighting)
            throws IOException {
        return computeMosaic(scenesOfOneDay, aoiWgs84, Reprojection.WGS84, index, mask, weighting);
    }

    /** {@link #computeMosaic(List, Geometry, int, SpectralIndex, CloudMask, Weighting)} with centre weighting. */
    public static IndexStatistics computeMosaic(List<SceneInput> scenesOfOneDay, Geometry aoi, int aoiEpsg,
                                                SpectralIndex index, CloudMask mask) throws IOException {
        return computeMosaic(scenesOfOneDay, aoi, aoiEpsg, index, mask, Weighting.CENTRE);
    }

    /**
     * Statistics of {@code index} over an AOI on the per-day mosaic of several scenes (e.g. two overlapping MGRS
     * tiles of the same pass).
     *
     * <p>The mosaic rule:
     * <ul>
     *   <li>Scenes are taken in {@link SceneInput#MOSAIC_ORDER}: least {@code eo:cloud_cover} first, then item id.</li>
     *   <li>The common grid is the band grid of the first scene, over the window of the AOI's bounding box on it,
     *       not clipped to that scene's raster but to the footprints of all the scenes (the AOI is burnt on the first
     *       scene's grid, positions relative to its origin, so a mosaic of one scene is exactly {@link #compute} of
     *       that scene).</li>
     *   <li>Every other scene is sampled nearest at the common pixel centres (its bands and its SCL, each on its own
     *       grid). Sentinel-2 tiles of one UTM zone share the 10 m lattice, so this is an exact copy there; grids
     *       offset by a fraction of a pixel (as the 120 m test clips of 33TWL and 33TWM are, by half a pixel) take
     *       the pixel containing the centre, GDAL's nearest. Scenes in another CRS are sampled through
     *       reprojected centres.</li>
     *   <li>Each pixel takes its value from the first scene in that order where it is valid (covered, bands not
     *       nodata, SCL not masked, denominator not 0).</li>
     *   <li>{@code pixelCount} counts the AOI pixels whose centre lies on at least one scene's raster; a pixel no
     *       scene covers is not counted at all. {@code cloudCount} counts the pixels left invalid for which at least
     *       one scene had valid band values but a masked SCL class.</li>
     *   <li>With {@link Weighting#COVERAGE}, every pixel of that common window gets its coverage fraction c on the
     *       first scene's grid (the window then spans the AOI's exact bounds [floor(min), ceil(max)) in pixels, cut to
     *       the footprints); the pixels with c &gt; 0 are mosaicked by the rules above, and {@code pixelCount},
     *       {@code coverage} and {@code validCoverage} count the pixels whose centre lies on at least one scene.</li>
     * </ul>
     *
     * @param scenesOfOneDay at least one scene; the bands of the index must be present in each
     * @throws IllegalArgumentException when the list is empty
     */
    public static IndexStatistics computeMosaic(List<SceneInput> scenesOfOneDay, Geometry aoi, int aoiEpsg,
                                                SpectralIndex index, CloudMask mask, Weighting weighting)
            throws IOException {
        if (scenesOfOneDay.isEmpty()) {
            throw new IllegalArgumentException("a mosaic needs at least one scene");
        }
        List<SceneInput> ordered = new ArrayList<>(scenesOfOneDay);
        ordered.sort(SceneInput.MOSAIC_ORDER);
        GridGeometry grid = ordered.get(0).band(index.bands().get(0)).grid();
        // The window is the AOI's bounds on the first grid cut to the scenes' footprints (so that an AOI far larger
        // than the scenes, or far away, never allocates more than the scenes can fill).
        PixelWindow scenesWindow = PixelWindow.EMPTY;
        boolean anyMayOverlap = false;
        for (SceneInput scene : ordered) {
            GridGeometry g = scene.band(index.bands().get(0)).grid();
            anyMayOverlap |= mayOverlap(aoi, aoiEpsg, g);
            PixelWindow w = g.equals(grid) ? new PixelWindow(0, 0, g.width(), g.height()) : Footprints.windowOn(g, grid);
            if (w != null) {
                scenesWindow = Footprints.union(scenesWindow, w);
            }
        }
        if (!anyMayOverlap) {
            return noPixels(weighting);
        }
        Geometry aoiOnGrid = Reprojection.transform(aoi, aoiEpsg, grid.epsg());
        boolean weighted = weighting == Weighting.COVERAGE;
        PixelWindow bounds = weighted ? PolygonCoverage.boundsWindow(aoiOnGrid, grid)
                : PolygonRasterizer.boundsWindow(aoiOnGrid, grid);
        PixelWindow window = Footprints.intersection(bounds, scenesWindow);
        if (window.isEmpty()) {
            return noPixels(weighting);
        }
        if (weighted) {
            PixelCoverage coverage = PolygonCoverage.coverage(aoiOnGrid, grid, window);
            return statistics(ordered, coverage.mask(), coverage, index, mask);
        }
        PixelMask pixels = PolygonRasterizer.rasterize(aoiOnGrid, grid, window);
        return statistics(ordered, pixels, null, index, mask);
    }

    /**
     * Whether the AOI can touch the grid: its envelope meets the grid's footprint in the AOI's CRS, with a margin of
     * a tenth of the footprint. Conservative (true) when the footprint cannot be computed.
     */
    private static boolean mayOverlap(Geometry aoi, int aoiEpsg, GridGeometry grid) {
        if (aoi.isEmpty()) {
            return false;
        }
        if (aoiEpsg == grid.epsg()) {
            return true;
        }
        Envelope footprint = Footprints.envelopeIn(grid, aoiEpsg);
        if (footprint == null) {
            return true;
        }
        footprint.expandBy(footprint.getWidth() / 10, footprint.getHeight() / 10);
        return footprint.intersects(aoi.getEnvelopeInternal());
    }

    /**
     * The common worker: scenes in priority order, the AOI's pixels on the common grid, and their coverage fractions
     * ({@code null} under centre weighting: every pixel of the mask weighs 1, and the centre statistics result).
     */
    private static IndexStatistics statistics(List<SceneInput> scenes, PixelMask pixels, PixelCoverage coverage,
                                              SpectralIndex index, CloudMask mask) throws IOException {
        int inAoi = pixels.count();
        if (inAoi == 0) {
            return noPixels(coverage == null ? Weighting.CENTRE : Weighting.COVERAGE);
        }
        double[] values = new double[inAoi];
        int nValues = 0;
        if (scenes.size() == 1) {
            // One scene: counters, values in raster order (the order numpy sums them in).
            Samples s = new Samples(scenes.get(0), pixels, index, mask);
            long covered = 0;
            long cloud = 0;
            // Coverage weighting: values of weight 1 in values[], the boundary pixels' (value, weight) apart.
            PixelCoverage.Cursor fractions = coverage == null ? null : coverage.cursor();
            Partial partial = new Partial(coverage);
            for (int i = pixels.nextSet(0); i >= 0; i = pixels.nextSet(i + 1)) {
                int status = s.classify(i);
                double c = 1;
                if (status != Samples.OUTSIDE) {
                    covered++;
                    if (fractions != null) {
                        c = fractions.fraction(i);
                        if (status != Samples.VALID) {
                            partial.invalidCoverage.add(c);
                        }
                    }
                }
                if (status == Samples.CLOUD) {
                    cloud++;
                } else if (status == Samples.VALID) {
                    if (c == 1) {
                        values[nValues++] = s.value;
                    } else {
                        partial.add(s.value, c);
                    }
                }
            }
            if (coverage != null) {
                return partial.statistics(values, nValues, covered, cloud);
            }
            return ValueStatistics.of(values, nValues, covered, cloud);
        }
        // Mosaic: the first scene where a pixel is valid gives its value.
        long windowSize = pixels.window().size();
        if (windowSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("mosaic window of " + windowSize + " pixels is too large: "
                    + pixels.window());
        }
        int size = (int) windowSize;
        BitSet covered = new BitSet(size);
        BitSet valid = new BitSet(size);
        BitSet cloud = new BitSet(size);
        double[] valueAt = new double[size];
        int remaining = inAoi;
        for (SceneInput scene : scenes) {
            if (remaining == 0) {
                break;
            }
            Samples s = new Samples(scene, pixels, index, mask);
            for (int i = pixels.nextSet(0); i >= 0; i = pixels.nextSet(i + 1)) {
                if (valid.get(i)) {
                    continue;
                }
                int status = s.classify(i);
                if (status == Samples.OUTSIDE) {
                    continue;
                }
                covered.set(i);
                if (status == Samples.CLOUD) {
                    cloud.set(i);
                } else if (status == Samples.VALID) {
                    valid.set(i);
                    valueAt[i] = s.value;
                    remaining--;
                }
            }
        }
        cloud.andNot(valid);
        if (coverage == null) {
            for (int i = valid.nextSetBit(0); i >= 0; i = valid.nextSetBit(i + 1)) {
                values[nValues++] = valueAt[i]; // raster order of the common grid
            }
            return ValueStatistics.of(values, nValues, covered.cardinality(), cloud.cardinality());
        }
        Partial partial = new Partial(coverage);
        PixelCoverage.Cursor fractions = coverage.cursor();
        for (int i = covered.nextSetBit(0); i >= 0; i = covered.nextSetBit(i + 1)) {
            double c = fractions.fraction(i);
            if (!valid.get(i)) {
                partial.invalidCoverage.add(c);
            } else if (c == 1) {
                values[nValues++] = valueAt[i];
            } else {
                partial.add(valueAt[i], c);
            }
        }
        return partial.statistics(values, nValues, covered.cardinality(), cloud.cardinality());
    }

    /** Under coverage weighting: the valid boundary pixels' values and weights, and the invalid pixels' weight. */
    private static final class Partial {
        final ValueStatistics.CompensatedSum invalidCoverage = new ValueStatistics.CompensatedSum();
        private final double[] values;
        private final double[] weights;
        private int count;

        Partial(PixelCoverage coverage) {
            int capacity = coverage == null ? 0 : coverage.partialCount();
            values = new double[capacity];
            weights = new double[capacity];
        }

        void add(double value, double weight) {
            values[count] = value;
            weights[count++] = weight;
        }

        IndexStatistics statistics(double[] units, int nUnits, long pixelCount, long cloudCount) {
            return WeightedStatistics.of(units, nUnits, values, weights, count, pixelCount, cloudCount,
                    invalidCoverage.value());
        }
    }

    /**
     * One scene's samples over the window of the common grid, and the per-pixel validity rule (package-private:
     * {@link SceneRender} classifies pixels with the same rule).
     */
    static final class Samples {
        static final int OUTSIDE = 0;
        static final int NODATA = 1;
        static final int CLOUD = 2;
        static final int NO_INDEX = 3;
        static final int VALID = 4;

        private final int[] d0;
        private final int[] d1;
        private final int[] d2;
        private final int nodata0;
        private final int nodata1;
        private final int nodata2;
        private final int[] scl;
        private final double offset;
        private final SpectralIndex index;
        private final CloudMask mask;
        /** The index of the last pixel classified VALID. */
        double value;

        Samples(SceneInput scene, PixelMask pixels, SpectralIndex index, CloudMask mask) throws IOException {
            GridGeometry grid = pixels.grid();
            PixelWindow window = pixels.window();
            List<Band> bands = index.bands();
            RasterBand b0 = scene.band(bands.get(0));
            RasterBand b1 = scene.band(bands.get(1));
            RasterBand b2 = bands.size() > 2 ? scene.band(bands.get(2)) : null;
            this.d0 = sample(b0, grid, window);
            this.d1 = sample(b1, grid, window);
            this.d2 = b2 == null ? null : sample(b2, grid, window);
            this.nodata0 = nodataValue(b0);
            this.nodata1 = nodataValue(b1);
            this.nodata2 = b2 == null ? 0 : nodataValue(b2);
            this.scl = NearestResampler.sample(scene.scl(), grid, window);
            this.offset = scene.boaOffset();
            this.index = index;
            this.mask = mask;
        }

        /** OUTSIDE (centre off the scene), NODATA, CLOUD (SCL masked), NO_INDEX (denominator 0) or VALID. */
        int classify(int i) {
            int v0 = d0[i];
            if (v0 == NearestResampler.OUTSIDE) {
                return OUTSIDE;
            }
            int v1 = d1[i];
            int v2 = d2 == null ? 1 : d2[i];
            if (v0 == 0 || v1 == 0 || v2 == 0 || v0 == nodata0 || v1 == nodata1 || v2 == nodata2
                    || v1 == NearestResampler.OUTSIDE || v2 == NearestResampler.OUTSIDE) {
                return NODATA;
            }
            int s = scl[i];
            if (s == NearestResampler.OUTSIDE || mask.isMasked(s)) {
                return CLOUD;
            }
            double x = index.compute(v0 + offset, v1 + offset, v2 + offset);
            if (Double.isNaN(x)) {
                return NO_INDEX;
            }
            value = x;
            return VALID;
        }
    }

    /** The band's samples over the window of the common grid: a direct window read when the grids agree. */
    static int[] sample(RasterBand band, GridGeometry grid, PixelWindow window) throws IOException {
        if (band.grid().equals(grid) && window.clipTo(grid).equals(window)) {
            return band.readWindow(window.col0(), window.row0(), window.width(), window.height());
        }
        return NearestResampler.sample(band, grid, window);
    }

    /** The declared nodata as a DN, or 0 (always invalid anyway) when none or not an integer. */
    static int nodataValue(RasterBand band) {
        Double nd = band.nodata();
        if (nd == null || nd != Math.rint(nd) || Math.abs(nd) > Integer.MAX_VALUE) {
            return 0;
        }
        return nd.intValue();
    }
}
