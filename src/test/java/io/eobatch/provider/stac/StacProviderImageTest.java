package io.eobatch.provider.stac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import io.eobatch.config.EobatchConfig;
import io.eobatch.provider.ImageQuery;
import io.eobatch.provider.ItemDataException;
import io.eobatch.raster.GridGeometry;
import io.eobatch.raster.image.ColorMap;
import io.eobatch.raster.image.PngWriter;
import io.eobatch.raster.image.TrueColour;
import io.eobatch.raster.stats.CloudMask;
import io.eobatch.raster.stats.SceneInput;
import io.eobatch.raster.stats.SceneRender;
import io.eobatch.raster.stats.SpectralIndex;
import io.eobatch.testsupport.TestData;

/**
 * {@link StacProvider#image} on the shared Drava catalog (real Sentinel-2 L2A clips, 120 m): one scene at its native
 * grid is exactly the image aoi-timelapse writes for it (the same {@link SceneRender}); a requested size is a nearest
 * resize of it; two scenes of one day are mosaicked on the first one's grid. Skipped when /work/shared/data is absent.
 */
class StacProviderImageTest {

    private static final String CATALOG = "drava";
    private static final String COLLECTION = "sentinel-2-l2a";
    private static final String TWL_0815 = "S2A_33TWL_20230815_0_L2A";
    private static final String TWM_0815 = "S2A_33TWM_20230815_0_L2A";

    /** A stac provider whose catalog "drava" is the shared static catalog (no MicroProfile Config in unit tests). */
    private static StacProvider provider() {
        URI catalog = TestData.sharedData().resolve("s2l2a-drava-2023-08/catalog.json").toUri();
        StacProvider p = new StacProvider();
        p.config = new EobatchConfig() {
            @Override
            public Optional<URI> catalogUrl(String name) {
                return CATALOG.equals(name) ? Optional.of(catalog) : Optional.empty();
            }

            @Override
            public io.eobatch.outbound.OutboundPolicy catalogPolicy(String name) {
                return io.eobatch.outbound.OutboundPolicy.forRoot("catalog " + name, null, catalog, List.of(),
                        io.eobatch.outbound.OutboundLimits.DEFAULTS);
            }
        };
        return p;
    }

    private static TestData.Feature aoi(String id) throws IOException {
        Map<String, TestData.Feature> aois = TestData.featuresById(TestData.sharedData().resolve("aoi/aoi-drava.geojson"));
        TestData.Feature f = aois.get(id);
        assertEquals(4326, f.epsg());
        return f;
    }

    private static ImageQuery query(TestData.Feature aoi, List<String> scenes, SpectralIndex index, int w, int h) {
        return new ImageQuery(CATALOG, COLLECTION, aoi.id(), aoi.geometry(), LocalDate.of(2023, 8, 15),
                LocalDate.of(2023, 8, 15), scenes, index, null, null, w, h);
    }

    /** The scene rendered as aoi-timelapse renders it (index and true colour over the AOI's window). */
    private static SceneRender render(String item, TestData.Feature aoi) throws IOException {
        SceneInput scene = TestData.scene(TestData.dravaItem(item));
        try {
            return SceneRender.render(scene, aoi.geometry(), aoi.epsg(), SpectralIndex.NDVI, CloudMask.DEFAULT, true)
                    .orElseThrow();
        } finally {
            TestData.close(scene);
        }
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(img != null, "not a PNG: " + png.length + " bytes");
        return img;
    }

    private static long opaque(BufferedImage img) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int a = img.getRGB(x, y) >>> 24;
                assertTrue(a == 0 || a == 255, "alpha is all or nothing: " + a + " at " + x + "," + y);
                n += a == 255 ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void oneSceneAtItsNativeGridIsTheTimelapsesImage() throws IOException {
        TestData.Feature aoi = aoi("drava-b");
        SceneRender expected = render(TWL_0815, aoi);
        StacProvider stac = provider();

        byte[] index = stac.image(query(aoi, List.of(TWL_0815), SpectralIndex.NDVI, 0, 0));
        byte[] rgb = stac.image(query(aoi, List.of(TWL_0815), null, 0, 0));

        assertArrayEquals(PngWriter.encode(expected.indexImage(ColorMap.rdYlGn())), index,
                "the default colour map of NDVI is RdYlGn over [-0.2, 0.9], as aoi-timelapse's default");
        assertArrayEquals(PngWriter.encode(expected.trueColourImage(TrueColour.defaults(), false)), rgb);
        BufferedImage img = decode(index);
        assertEquals(expected.width(), img.getWidth());
        assertEquals(expected.height(), img.getHeight());
        assertEquals(expected.validCount(), opaque(img), "opaque pixels = valid pixels of the AOI");
        assertTrue(expected.validCount() > 100, "drava-b has " + expected.validCount() + " valid pixels");
        assertEquals(1.0, stac.imageCost(query(aoi, List.of(TWL_0815), SpectralIndex.NDVI, 0, 0)));
    }

    @Test
    void aRequestedSizeIsANearestResizeOfTheNativeImage() throws IOException {
        TestData.Feature aoi = aoi("drava-b");
        ColorMap blues = ColorMap.blues(-0.3, 0.6);
        ImageQuery q = new ImageQuery(CATALOG, COLLECTION, aoi.id(), aoi.geometry(), LocalDate.of(2023, 8, 15),
                LocalDate.of(2023, 8, 15), List.of(TWL_0815), SpectralIndex.NDVI, blues, null, 120, 90);
        BufferedImage img = decode(provider().image(q));
        assertEquals(120, img.getWidth());
        assertEquals(90, img.getHeight());
        BufferedImage nativeImg = render(TWL_0815, aoi).indexImage(blues);
        for (int y = 0; y < 90; y++) {
            for (int x = 0; x < 120; x++) {
                int sx = (int) Math.floor((x + 0.5) * nativeImg.getWidth() / 120.0);
                int sy = (int) Math.floor((y + 0.5) * nativeImg.getHeight() / 90.0);
                assertEquals(nativeImg.getRGB(sx, sy), img.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
        opaque(img);
    }

    /**
     * drava-a straddles the overlap of 33TWL (y 5070000..5100000) and 33TWM (y 5090220..5120100): their grids are
     * offset by 167.5 rows. The mosaic is on TWL's lattice, keeps every TWL pixel, and adds TWM's north of TWL.
     */
    @Test
    void twoScenesOfADayAreMosaickedOnTheFirstOnesGrid() throws IOException {
        TestData.Feature aoi = aoi("drava-a");
        SceneRender twl = render(TWL_0815, aoi);
        SceneRender twm = render(TWM_0815, aoi);
        BufferedImage a = twl.indexImage(ColorMap.rdYlGn());
        BufferedImage b = twm.indexImage(ColorMap.rdYlGn());
        StacProvider stac = provider();

        BufferedImage m = decode(stac.image(query(aoi, List.of(TWL_0815, TWM_0815), SpectralIndex.NDVI, 0, 0)));

        GridGeometry ga = twl.grid();
        GridGeometry gb = twm.grid();
        // the union of both windows on TWL's lattice
        double top = Math.min(0, ga.toRow(gb.originY()));
        int row0 = (int) Math.floor(top + 1e-6);
        assertTrue(row0 < 0, "TWM reaches north of TWL's window: " + top);
        assertEquals(ga.width(), m.getWidth(), "same columns: both clips start at x 559980");
        assertEquals((int) Math.ceil(Math.max(ga.height(), ga.toRow(gb.originY()) + gb.height()) - 1e-6) - row0,
                m.getHeight());
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if ((a.getRGB(x, y) >>> 24) != 0) {
                    assertEquals(a.getRGB(x, y), m.getRGB(x, y - row0), "TWL pixel " + x + "," + y + " wins");
                }
            }
        }
        long na = opaque(a);
        long nb = opaque(b);
        long nm = opaque(m);
        assertTrue(nm > na && nm > nb && nm <= na + nb, "mosaic " + nm + " of TWL " + na + " and TWM " + nb);
        assertEquals(2.0, stac.imageCost(query(aoi, List.of(TWL_0815, TWM_0815), SpectralIndex.NDVI, 0, 0)));
    }

    @Test
    void withoutScenesOrWithAnUnknownOneTheItemFails() throws IOException {
        TestData.Feature aoi = aoi("drava-b");
        StacProvider stac = provider();
        ItemDataException none = assertThrows(ItemDataException.class,
                () -> stac.image(query(aoi, List.of(), SpectralIndex.NDVI, 0, 0)));
        assertTrue(none.getMessage().contains("no scene given"), none.getMessage());
        ItemDataException unknown = assertThrows(ItemDataException.class,
                () -> stac.image(query(aoi, List.of("S2A_NOPE"), SpectralIndex.NDVI, 0, 0)));
        assertTrue(unknown.getMessage().contains("S2A_NOPE"), unknown.getMessage());
    }
}
