package io.eobatch.raster.tiff;

import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.tiff.CogWriter.Compression;
import io.eobatch.raster.tiff.CogWriter.Predictor;
import io.eobatch.raster.tiff.CogWriter.Resampling;
import io.eobatch.raster.tiff.CogWriter.SampleType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The COGs the writer tests write, with samples from closed formulas (StrictMath, so every JVM computes the
 * same values), and the checksums GDAL 3.6.2 computed on them.
 *
 * <p>Expected checksums were produced once with {@code CogWriterGdalTest} and
 * {@code gdalinfo -checksum <case>.tif} (GDAL 3.6.2, Debian 12): full resolution first, then each overview.
 */
final class CogTestCases {

    /** One test file: its writer, its samples (one of the arrays) and GDAL's checksums per level. */
    record Case(String name, CogWriter writer, GridGeometry grid, byte[] u8, short[] s16, float[] f32,
                int[] expectedChecksums) {

        Path write(Path dir) throws IOException {
            Path file = dir.resolve(name + ".tif");
            if (u8 != null) {
                writer.write(file, u8);
            } else if (s16 != null) {
                writer.write(file, s16);
            } else {
                writer.write(file, f32);
            }
            return file;
        }

        byte[] encode() {
            if (u8 != null) {
                return writer.encode(u8);
            } else if (s16 != null) {
                return writer.encode(s16);
            }
            return writer.encode(f32);
        }

        /** Sample {@code i} of the full-resolution input as a double. */
        double sample(int i, SampleType type) {
            return switch (type) {
                case UINT8 -> u8[i] & 0xFF;
                case UINT16 -> s16[i] & 0xFFFF;
                case INT16 -> s16[i];
                case FLOAT32 -> f32[i];
            };
        }
    }

    static final GridGeometry UTM_600x500 = new GridGeometry(32633, 600, 500, 500000, 5100000, 10, -10);

    private CogTestCases() {
    }

    static List<Case> all() {
        return List.of(uint8Scl(), uint16Dn(), int16(), float32Pred3(), float32Pred2(), uint16Raw(), uint8Geographic());
    }

    /** SCL-like classes in blocks, nodata 0, NEAREST overviews, 256 px tiles: 600x500 -> 300x250 -> 150x125. */
    static Case uint8Scl() {
        GridGeometry g = UTM_600x500;
        byte[] v = new byte[g.width() * g.height()];
        for (int y = 0; y < g.height(); y++) {
            for (int x = 0; x < g.width(); x++) {
                v[y * g.width() + x] = (byte) ((x / 37 + (y / 23) * 3) % 12);
            }
        }
        CogWriter w = new CogWriter(g, SampleType.UINT8).withNodata(0.0).withResampling(Resampling.NEAREST);
        return new Case("uint8-scl", w, g, v, null, null, new int[] {10294, 51179, 28887});
    }

    /** Reflectance-like DNs with a nodata corner, AVERAGE overviews. */
    static Case uint16Dn() {
        GridGeometry g = UTM_600x500;
        short[] v = new short[g.width() * g.height()];
        for (int y = 0; y < g.height(); y++) {
            for (int x = 0; x < g.width(); x++) {
                int dn = x + y < 40 ? 0 : 1000 + (x * 7 + y * 13 + (x * y) % 97) % 3000;
                v[y * g.width() + x] = (short) dn;
            }
        }
        CogWriter w = new CogWriter(g, SampleType.UINT16).withNodata(0.0);
        return new Case("uint16-dn", w, g, null, v, null, new int[] {3515, 30791, 24703});
    }

    /** Signed values with nodata columns, 128 px tiles: 300x200 -> 150x100 -> 75x50. */
    static Case int16() {
        GridGeometry g = new GridGeometry(32633, 300, 200, 510000, 5090000, 20, -20);
        short[] v = new short[g.width() * g.height()];
        for (int y = 0; y < g.height(); y++) {
            for (int x = 0; x < g.width(); x++) {
                int s = x % 50 == 0 ? -9999 : (x - 150) * (y - 100) + (x * 31 + y * 17) % 101;
                v[y * g.width() + x] = (short) s;
            }
        }
        CogWriter w = new CogWriter(g, SampleType.INT16).withTileSize(128).withNodata(-9999.0);
        return new Case("int16", w, g, null, v, null, new int[] {72, 3709, 526});
    }

    /** Smooth floats with nodata and a few NaN, 512 px tiles, predictor 3: 1100x700 -> 550x350 -> 275x175. */
    static Case float32Pred3() {
        GridGeometry g = new GridGeometry(32633, 1100, 700, 400000, 5200000, 10, -10);
        float[] v = new float[g.width() * g.height()];
        for (int y = 0; y < g.height(); y++) {
            for (int x = 0; x < g.width(); x++) {
                float f = (float) (StrictMath.sin(x * 0.01) * StrictMath.cos(y * 0.013) * 800.0 + y * 0.01);
                if ((x * 13 + y * 7) % 1009 == 0) {
                    f = Float.NaN;
                } else if (y > 650 && x < 100) {
                    f = -9999f;
                }
                v[y * g.width() + x] = f;
            }
        }
        CogWriter w = new CogWriter(g, SampleType.FLOAT32).withTileSize(512).withNodata(-9999.0);
        return new Case("float32-pred3", w, g, null, null, v, new int[] {36738, 32363, 12091});
    }

    /** Floats with predictor 2 (horizontal differencing of the bit patterns), no nodata. */
    static Case float32Pred2() {
        GridGeometry g = UTM_600x500;
        float[] v = new float[g.width() * g.height()];
        for (int y = 0; y < g.height(); y++) {
            for (int x = 0; x < g.width(); x++) {
                v[y * g.width() + x] = x * 0.25f - y * 0.125f + (float) StrictMath.sqrt(x * y) * 0.5f - 40f;
            }
        }
        CogWriter w = new CogWriter(g, SampleType.FLOAT32).withPredictor(Predictor.HORIZONTAL);
        return new Case("float32-pred2", w, g, null, null, v, new int[] {12551, 52200, 46485});
    }

    /** Uncompressed UInt16: 300x300 -> 150x150. */
    static Case uint16Raw() {
        GridGeometry g = new GridGeometry(32634, 300, 300, 300000, 5000000, 10, -10);
        short[] v = new short[g.width() * g.height()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (short) ((i * 2654435761L >>> 7) & 0xFFFF);
        }
        CogWriter w = new CogWriter(g, SampleType.UINT16).withCompression(Compression.NONE);
        return new Case("uint16-raw", w, g, null, v, null, new int[] {14921, 3414});
    }

    /** A small EPSG:4326 byte grid: no overview (fits one tile), DEFLATE level 9. */
    static Case uint8Geographic() {
        GridGeometry g = new GridGeometry(4326, 100, 80, 15.5, 46.25, 0.001, -0.001);
        byte[] v = new byte[g.width() * g.height()];
        for (int y = 0; y < g.height(); y++) {
            for (int x = 0; x < g.width(); x++) {
                v[y * g.width() + x] = (byte) (x * 2 + y);
            }
        }
        CogWriter w = new CogWriter(g, SampleType.UINT8).withDeflateLevel(9);
        return new Case("uint8-4326", w, g, v, null, null, new int[] {28615});
    }
}
