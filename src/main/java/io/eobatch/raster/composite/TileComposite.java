package io.eobatch.raster.composite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.NearestResampler;
import io.eobatch.raster.PixelWindow;
import io.eobatch.raster.RasterBand;
import io.eobatch.raster.stats.CloudMask;
import io.eobatch.raster.stats.SceneInput;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.raster.tiff.CogWriter;

/**
 * The temporal composite of a spectral index on one tile grid: per pixel, the {@link CompositeMethod} of the index
 * over the scenes where the pixel is valid.
 *
 * <p>Per scene, every band (and SCL) is resampled nearest onto the tile grid with {@link NearestResampler} (the
 * source pixel that contains the tile pixel's centre; only the source window under the tile is read). A scene's
 * pixel is valid with the rule of {@code SceneStatistics}: its centre inside the scene, no band DN 0 or the band's
 * nodata, SCL not masked by the {@link CloudMask}, a non-zero denominator. The index is computed in double
 * precision on {@code DN + boaOffset}; the composite is written as Float32 (the double rounded to the nearest
 * float). A pixel valid in no scene is NaN.
 *
 * <p>Memory: MAX and MEAN keep one double per pixel; MEDIAN keeps one float per pixel and scene (the index values
 * are rounded to float before the median is taken; the median of two middle values is their mean in double).
 */
public final class TileComposite {

    private TileComposite() {
    }

    /**
     * The composite on a grid.
     *
     * @param values    row-major Float32 values, NaN where no scene is valid
     * @param valid     pixels with a value
     * @param perScene  valid pixels contributed by each scene, in the order of the scenes given
     */
    public record Result(GridGeometry grid, float[] values, long valid, long[] perScene) {
        public boolean hasData() {
            return valid > 0;
        }
    }

    /** Computes the composite of {@code index} over {@code scenes} on {@code grid}. */
    public static Result compute(GridGeometry grid, List<SceneInput> scenes, SpectralIndex index, CloudMask mask,
                                 CompositeMethod method) throws IOException {
        int n = grid.width() * grid.height();
        PixelWindow all = new PixelWindow(0, 0, grid.width(), grid.height());
        double[] acc = new double[n];
        int[] count = new int[n];
        List<float[]> perSceneValues = method == CompositeMethod.MEDIAN ? new ArrayList<>() : null;
        if (method == CompositeMethod.MAX) {
            Arrays.fill(acc, Double.NEGATIVE_INFINITY);
        }
        long[] perScene = new long[scenes.size()];
        for (int s = 0; s < scenes.size(); s++) {
            SceneInput scene = scenes.get(s);
            List<int[]> bands = new ArrayList<>();
            List<Integer> nodata = new ArrayList<>();
            for (var b : index.bands()) {
                RasterBand band = scene.band(b);
                bands.add(NearestResampler.sample(band, grid, all));
                nodata.add(nodataDn(band));
            }
            int[] scl = NearestResampler.sample(scene.scl(), grid, all);
            int off = scene.boaOffset();
            float[] own = perSceneValues == null ? null : new float[n];
            if (own != null) {
                Arrays.fill(own, Float.NaN);
                perSceneValues.add(own);
            }
            int[] d0 = bands.get(0);
            int[] d1 = bands.size() > 1 ? bands.get(1) : null;
            int[] d2 = bands.size() > 2 ? bands.get(2) : null;
            for (int i = 0; i < n; i++) {
                int v0 = d0[i];
                int v1 = d1 == null ? 1 : d1[i];
                int v2 = d2 == null ? 1 : d2[i];
                if (bad(v0, nodata.get(0)) || bad(v1, d1 == null ? 0 : nodata.get(1))
                        || bad(v2, d2 == null ? 0 : nodata.get(2))) {
                    continue;
                }
                int c = scl[i];
                if (c == NearestResampler.OUTSIDE || mask.isMasked(c)) {
                    continue;
                }
                double x = index.compute(v0 + off, v1 + off, v2 + off);
                if (Double.isNaN(x)) {
                    continue;
                }
                perScene[s]++;
                count[i]++;
                switch (method) {
                    case MAX -> acc[i] = Math.max(acc[i], x);
                    case MEAN -> acc[i] += x;
                    case MEDIAN -> own[i] = (float) x;
                }
            }
        }
        float[] out = new float[n];
        long valid = 0;
        double[] scratch = new double[scenes.size()];
        for (int i = 0; i < n; i++) {
            if (count[i] == 0) {
                out[i] = Float.NaN;
                continue;
            }
            valid++;
            out[i] = switch (method) {
                case MAX -> (float) acc[i];
                case MEAN -> (float) (acc[i] / count[i]);
                case MEDIAN -> {
                    int k = 0;
                    for (float[] v : perSceneValues) {
                        if (!Float.isNaN(v[i])) {
                            scratch[k++] = v[i];
                        }
                    }
                    yield (float) method.combine(scratch, k);
                }
            };
        }
        return new Result(grid, out, valid, perScene);
    }

    /** Scenes in a fixed order (item id), so that a composite does not depend on the catalog's order. */
    public static List<SceneInput> ordered(List<SceneInput> scenes) {
        List<SceneInput> l = new ArrayList<>(scenes);
        l.sort(Comparator.comparing(SceneInput::itemId));
        return l;
    }

    /**
     * The COG writer of tile composites: Float32, 256 px internal tiles, DEFLATE with the floating-point predictor
     * (3, what GDAL's COG driver writes for Float32 with PREDICTOR=YES), AVERAGE overviews (NaN pixels left out)
     * down to one internal tile, nodata NaN (GDAL_NODATA "nan"), the grid's EPSG code.
     */
    public static CogWriter cogWriter(GridGeometry grid) {
        return new CogWriter(grid, CogWriter.SampleType.FLOAT32).withTileSize(256)
                .withCompression(CogWriter.Compression.DEFLATE).withPredictor(CogWriter.Predictor.FLOATING_POINT)
                .withNodata(Double.NaN).withResampling(CogWriter.Resampling.AVERAGE);
    }

    /** Writes {@code result} as a COG to {@code target}, atomically (temporary file, then rename). */
    public static void writeCog(Result result, Path target) throws IOException {
        cogWriter(result.grid()).write(target, result.values());
    }

    private static boolean bad(int v, int nodata) {
        return v == NearestResampler.OUTSIDE || v == 0 || v == nodata;
    }

    private static int nodataDn(RasterBand band) {
        Double nd = band.nodata();
        if (nd == null || nd != Math.rint(nd) || Math.abs(nd) > Integer.MAX_VALUE) {
            return 0;
        }
        return (int) (double) nd;
    }
}
