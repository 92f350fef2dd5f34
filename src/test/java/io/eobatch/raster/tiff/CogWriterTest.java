package io.eobatch.raster.tiff;

import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.tiff.CogWriter.Compression;
import io.eobatch.raster.tiff.CogWriter.Predictor;
import io.eobatch.raster.tiff.CogWriter.Resampling;
import io.eobatch.raster.tiff.CogWriter.SampleType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer's output decoded by {@link CogTestReader}: pixels, GDAL checksums (committed, see
 * {@link CogTestCases}), COG layout, georeferencing, overviews, atomic writes and argument checks.
 */
class CogWriterTest {

    static Stream<CogTestCases.Case> cases() {
        return CogTestCases.all().stream();
    }

    private static SampleType typeOf(CogTestReader r) {
        CogTestReader.Ifd ifd = r.ifds().get(0);
        return switch (ifd.bitsPerSample() * 10 + ifd.sampleFormat()) {
            case 81 -> SampleType.UINT8;
            case 161 -> SampleType.UINT16;
            case 162 -> SampleType.INT16;
            case 323 -> SampleType.FLOAT32;
            default -> throw new AssertionError("unexpected sample type " + ifd.tags());
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fullResolutionDecodesToTheInputSamples(CogTestCases.Case c) {
        CogTestReader r = CogTestReader.of(c.encode());
        SampleType type = typeOf(r);
        double[] got = r.decode(0);
        assertEquals(c.grid().width() * c.grid().height(), got.length);
        for (int i = 0; i < got.length; i++) {
            double want = c.sample(i, type);
            if (Double.isNaN(want)) {
                assertTrue(Double.isNaN(got[i]), c.name() + ": pixel " + i + " should be NaN");
            } else if (want != got[i]) {
                throw new AssertionError(c.name() + ": pixel " + i + " is " + got[i] + ", expected " + want);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void checksumsEqualGdals(CogTestCases.Case c) {
        CogTestReader r = CogTestReader.of(c.encode());
        int[] got = new int[r.ifds().size()];
        for (int i = 0; i < got.length; i++) {
            got[i] = r.gdalChecksum(i);
        }
        assertArrayEquals(c.expectedChecksums(), got, c.name() + ": checksums of full resolution and overviews");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void layoutIsGdalCog(CogTestCases.Case c) {
        byte[] file = c.encode();
        CogTestReader r = CogTestReader.of(file);
        assertEquals("GDAL_STRUCTURAL_METADATA_SIZE=000140 bytes\n"
                + "LAYOUT=IFDS_BEFORE_DATA\nBLOCK_ORDER=ROW_MAJOR\nBLOCK_LEADER=SIZE_AS_UINT4\n"
                + "BLOCK_TRAILER=LAST_4_BYTES_REPEATED\nKNOWN_INCOMPATIBLE_EDITION=NO\n ", r.ghostHeader());
        List<CogTestReader.Ifd> ifds = r.ifds();
        assertEquals(192, ifds.get(0).offset(), "first IFD right after the ghost header, word-aligned");
        assertEquals(0, ifds.get(0).newSubfileType());
        assertEquals(c.writer().overviewSizes().size() + 1, ifds.size());
        long lastIfdEnd = 0;
        for (int i = 0; i < ifds.size(); i++) {
            CogTestReader.Ifd ifd = ifds.get(i);
            assertTrue(ifd.offset() > lastIfdEnd - 1, "IFDs in increasing order");
            lastIfdEnd = ifd.offset();
            if (i > 0) {
                assertEquals(1, ifd.newSubfileType(), "overview " + i + " is a reduced-resolution subfile");
                assertEquals((ifds.get(i - 1).width() + 1) / 2, ifd.width());
                assertEquals((ifds.get(i - 1).height() + 1) / 2, ifd.height());
                assertEquals(ifds.get(0).tileWidth(), ifd.tileWidth());
            }
        }
        CogTestReader.Ifd smallest = ifds.get(ifds.size() - 1);
        int tile = ifds.get(0).tileWidth();
        assertTrue(smallest.width() <= tile && smallest.height() <= tile, "smallest level fits one tile");
        if (ifds.size() > 1) {
            CogTestReader.Ifd secondSmallest = ifds.get(ifds.size() - 2);
            assertTrue(secondSmallest.width() > tile || secondSmallest.height() > tile, "no overview too many");
        }

        // All tile data after all IFDs; smallest overview first, full resolution last; row-major; leaders/trailers.
        long firstData = Long.MAX_VALUE;
        long previousEnd = -1;
        ByteBuffer bb = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = ifds.size() - 1; i >= 0; i--) {
            long[] offsets = ifds.get(i).tileOffsets();
            long[] counts = ifds.get(i).tileByteCounts();
            for (int t = 0; t < offsets.length; t++) {
                firstData = Math.min(firstData, offsets[t]);
                assertTrue(offsets[t] > previousEnd, c.name() + ": level " + i + " tile " + t + " out of order");
                assertEquals(counts[t], bb.getInt((int) offsets[t] - 4) & 0xFFFFFFFFL, "leader of tile " + t);
                assertEquals(bb.getInt((int) (offsets[t] + counts[t] - 4)), bb.getInt((int) (offsets[t] + counts[t])),
                        "trailer of tile " + t);
                if (previousEnd >= 0) {
                    assertEquals(previousEnd + 4 + 4, offsets[t], "tiles packed (4-byte trailer + leader between)");
                }
                previousEnd = offsets[t] + counts[t];
            }
        }
        assertEquals(file.length, previousEnd + 4, "file ends with the last tile's trailer");
        for (CogTestReader.Ifd ifd : ifds) {
            assertTrue(ifd.offset() < firstData, "IFD at " + ifd.offset() + " should come before all data");
        }
    }

    @Test
    void projectedGeoreferencing() {
        CogTestCases.Case c = CogTestCases.int16();
        CogTestReader r = CogTestReader.of(c.encode());
        assertEquals(c.grid(), r.grid());
        assertEquals(Map.of(1024, 1, 1025, 1, 3072, 32633), r.geoKeys());
        assertArrayEquals(new double[] {20, 20, 0}, r.ifds().get(0).numbers(33550));
        assertArrayEquals(new double[] {0, 0, 0, 510000, 5090000, 0}, r.ifds().get(0).numbers(33922));
        assertEquals("-9999", r.ifds().get(0).ascii(42113));
        assertEquals("-9999", r.ifds().get(1).ascii(42113), "overviews carry the nodata too");
        assertEquals(-9999.0, r.nodata());
        assertEquals(2, r.ifds().get(0).predictor());
        assertEquals(8, r.ifds().get(0).compression());
    }

    @Test
    void geographicGeoreferencing() {
        CogTestCases.Case c = CogTestCases.uint8Geographic();
        CogTestReader r = CogTestReader.of(c.encode());
        assertEquals(Map.of(1024, 2, 1025, 1, 2048, 4326), r.geoKeys());
        assertEquals(c.grid(), r.grid());
        assertNull(r.nodata());
        assertEquals(1, r.ifds().size());
    }

    @Test
    void southUpGridUsesModelTransformation() {
        GridGeometry g = new GridGeometry(32633, 40, 30, 500000, 5000000, 10, 10);
        CogTestReader r = CogTestReader.of(new CogWriter(g, SampleType.UINT8).encode(new byte[40 * 30]));
        assertEquals(g, r.grid());
        assertTrue(!r.ifds().get(0).tags().containsKey(33550));
    }

    @Test
    void predictorDefaultsFollowGdal() {
        GridGeometry g = CogTestCases.UTM_600x500;
        assertEquals(Predictor.HORIZONTAL, new CogWriter(g, SampleType.UINT16).effectivePredictor());
        assertEquals(Predictor.FLOATING_POINT, new CogWriter(g, SampleType.FLOAT32).effectivePredictor());
        assertEquals(Predictor.NONE, new CogWriter(g, SampleType.FLOAT32).withCompression(Compression.NONE).effectivePredictor());
        CogTestReader r = CogTestReader.of(CogTestCases.float32Pred3().encode());
        assertEquals(3, r.ifds().get(0).predictor());
        assertEquals(3, r.ifds().get(2).predictor());
        assertEquals(1, CogTestReader.of(CogTestCases.uint16Raw().encode()).ifds().get(0).compression());
    }

    @Test
    void overviewsAverageValidPixelsAndKeepClassesWithNearest() {
        GridGeometry g = new GridGeometry(32633, 35, 33, 0, 3300, 100, -100);
        short[] v = new short[35 * 33];
        for (int i = 0; i < v.length; i++) {
            v[i] = (short) (i % 7 == 0 ? 0 : 100 + i % 13);
        }
        CogWriter w = new CogWriter(g, SampleType.UINT16).withTileSize(16).withNodata(0.0);
        CogTestReader r = CogTestReader.of(w.encode(v));
        assertEquals(List.of("18x17", "9x9"), w.overviewSizes().stream().map(s -> s[0] + "x" + s[1]).toList());
        assertEquals(3, r.ifds().size());
        double[] ovr = r.decode(1);
        for (int y = 0; y < 17; y++) {
            for (int x = 0; x < 18; x++) {
                double sum = 0;
                int n = 0;
                for (int sy = 2 * y; sy < Math.min(2 * y + 2, 33); sy++) {
                    for (int sx = 2 * x; sx < Math.min(2 * x + 2, 35); sx++) {
                        int s = v[sy * 35 + sx];
                        if (s != 0) {
                            sum += s;
                            n++;
                        }
                    }
                }
                double want = n == 0 ? 0 : Math.floor(sum / n + 0.5);
                assertEquals(want, ovr[y * 18 + x], "average at overview pixel " + x + "," + y);
            }
        }

        byte[] classes = new byte[35 * 33];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = (byte) (i % 12);
        }
        CogTestReader rn = CogTestReader.of(new CogWriter(g, SampleType.UINT8).withTileSize(16)
                .withResampling(Resampling.NEAREST).encode(classes));
        double[] nearest = rn.decode(1);
        for (int y = 0; y < 17; y++) {
            for (int x = 0; x < 18; x++) {
                assertEquals(classes[2 * y * 35 + 2 * x], nearest[y * 18 + x], "nearest at " + x + "," + y);
            }
        }
    }

    @Test
    void averageNeverTurnsValidPixelsIntoNodata() {
        GridGeometry g = new GridGeometry(32633, 32, 32, 0, 320, 10, -10);
        short[] v = new short[32 * 32];
        for (int i = 0; i < v.length; i++) {
            v[i] = (short) ((i % 2 == 0) ? 99 : 101); // 2x2 means are exactly 100 = nodata
        }
        CogTestReader r = CogTestReader.of(new CogWriter(g, SampleType.INT16).withTileSize(16).withNodata(100.0).encode(v));
        for (double d : r.decode(1)) {
            assertTrue(d == 99 || d == 101, "average moved off nodata, got " + d);
        }
    }

    @Test
    void tileSizesAreConfigurable() {
        GridGeometry g = new GridGeometry(32633, 1500, 1100, 0, 11000, 10, -10);
        float[] v = new float[1500 * 1100];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 1500 + 0.5f;
        }
        for (int size : new int[] {256, 512, 1024}) {
            CogTestReader r = CogTestReader.of(new CogWriter(g, SampleType.FLOAT32).withTileSize(size).encode(v));
            assertEquals(size, r.ifds().get(0).tileWidth());
            assertEquals(size, r.ifds().get(0).tileHeight());
            int across = (1500 + size - 1) / size;
            int down = (1100 + size - 1) / size;
            assertEquals(across * down, r.ifds().get(0).tileOffsets().length);
            double[] d = r.decode(0);
            assertEquals(1499.5, d[1100 * 1500 - 1]);
            assertEquals(0.5, d[1500]);
        }
    }

    @Test
    void outputIsDeterministic() {
        CogTestCases.Case c = CogTestCases.float32Pred3();
        assertArrayEquals(c.encode(), c.encode());
    }

    @Test
    void writesAtomicallyAndReplaces(@TempDir Path dir) throws Exception {
        CogTestCases.Case c = CogTestCases.uint8Geographic();
        Path target = dir.resolve("sub/out.tif");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "old content");
        c.writer().write(target, c.u8());
        assertArrayEquals(c.encode(), Files.readAllBytes(target));
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertEquals(List.of(target.getFileName().toString()), files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file left behind");
        }
        byte[] before = Files.readAllBytes(target);
        assertThrows(IllegalArgumentException.class, () -> c.writer().write(target, new byte[3]));
        assertArrayEquals(before, Files.readAllBytes(target), "a failed write leaves the old file");
    }

    @Test
    void rejectsBadArguments() {
        GridGeometry g = CogTestCases.UTM_600x500;
        CogWriter u16 = new CogWriter(g, SampleType.UINT16);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> u16.encode(new short[10]));
        assertTrue(e.getMessage().contains("300000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> u16.encode(new float[600 * 500]));
        assertThrows(IllegalArgumentException.class, () -> u16.encode(new byte[600 * 500]));
        assertThrows(IllegalArgumentException.class, () -> u16.withTileSize(100));
        assertThrows(IllegalArgumentException.class, () -> u16.withPredictor(Predictor.FLOATING_POINT));
        assertThrows(IllegalArgumentException.class, () -> u16.withCompression(Compression.NONE).withPredictor(Predictor.HORIZONTAL));
        assertThrows(IllegalArgumentException.class, () -> u16.withNodata(-1.0));
        assertThrows(IllegalArgumentException.class, () -> u16.withNodata(0.5));
        assertThrows(IllegalArgumentException.class, () -> new CogWriter(g, SampleType.UINT8).encode(new int[] {256}));
        int[] outOfRange = new int[600 * 500];
        outOfRange[7] = 70000;
        e = assertThrows(IllegalArgumentException.class, () -> u16.encode(outOfRange));
        assertTrue(e.getMessage().contains("index 7"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new CogWriter(new GridGeometry(0, 10, 10, 0, 0, 1, -1), SampleType.UINT8));
    }

    @Test
    void intSamplesEqualTypedSamples() {
        GridGeometry g = new GridGeometry(32633, 50, 40, 0, 400, 10, -10);
        int[] ints = new int[2000];
        short[] shorts = new short[2000];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = 60000 - i * 7;
            shorts[i] = (short) ints[i];
        }
        CogWriter w = new CogWriter(g, SampleType.UINT16);
        assertArrayEquals(w.encode(shorts), w.encode(ints));
        assertEquals(60000.0, CogTestReader.of(w.encode(ints)).decode(0)[0]);
    }

    @Test
    void nodataText() {
        GridGeometry g = CogTestCases.UTM_600x500;
        assertEquals("nan", new CogWriter(g, SampleType.FLOAT32).withNodata(Double.NaN).nodataText());
        assertEquals("-9999", new CogWriter(g, SampleType.FLOAT32).withNodata(-9999.0).nodataText());
        assertEquals("0.1", new CogWriter(g, SampleType.FLOAT32).withNodata(0.1).nodataText());
        assertEquals("65535", new CogWriter(g, SampleType.UINT16).withNodata(65535.0).nodataText());
    }
}
