package io.eobatch.raster.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColorMapTest {

    /** matplotlib's RdYlGn anchors (lib/matplotlib/_cm.py, _RdYlGn_data x 255). */
    static final int[][] RDYLGN = {
        {165, 0, 38}, {215, 48, 39}, {244, 109, 67}, {253, 174, 97}, {254, 224, 139}, {255, 255, 191},
        {217, 239, 139}, {166, 217, 106}, {102, 189, 99}, {26, 152, 80}, {0, 104, 55}};

    @TempDir
    Path dir;

    static void assertRgb(int[] expected, int argb, int tolerance, String what) {
        int r = (argb >> 16) & 0xff;
        int g = (argb >> 8) & 0xff;
        int b = argb & 0xff;
        assertTrue(Math.abs(r - expected[0]) <= tolerance && Math.abs(g - expected[1]) <= tolerance
                        && Math.abs(b - expected[2]) <= tolerance,
                what + ": expected rgb(" + expected[0] + "," + expected[1] + "," + expected[2] + ") +-" + tolerance
                        + ", got rgb(" + r + "," + g + "," + b + ")");
    }

    @Test
    void ndviAnchorsAndClamping() {
        ColorMap m = ColorMap.rdYlGn();
        assertEquals(-0.2, m.min());
        assertEquals(0.9, m.max());
        for (int k = 0; k <= 10; k++) {
            double ndvi = -0.2 + k * 0.11;
            assertRgb(RDYLGN[k], m.rgb(ndvi), 0, "NDVI " + ndvi + " (anchor " + k + ")");
        }
        assertRgb(RDYLGN[0], m.rgb(-1.0), 0, "below the range clamps");
        assertRgb(RDYLGN[10], m.rgb(1.0), 0, "above the range clamps");
        assertRgb(RDYLGN[5], m.rgb(0.35), 0, "middle of [-0.2, 0.9] is the yellow centre");
    }

    @Test
    void ndviBetweenAnchorsMatchesMatplotlibWithinOneDn() {
        ColorMap m = ColorMap.rdYlGn();
        // NDVI 0.735 -> t = 0.85, halfway between anchors 8 and 9. matplotlib: cm.RdYlGn(0.85) looks up entry
        // int(0.85 * 256) = 217 of its 256-entry table, i.e. t = 217/255 -> (63.25, 170.1, 89.3) = rgb(63, 170, 89).
        assertRgb(new int[] {63, 170, 89}, m.rgb(0.735), 1, "NDVI 0.735");
        // NDVI 0.0 -> t = 0.2/1.1 = 0.1818 (anchors 1..2): matplotlib entry int(0.1818 * 256) = 46 -> t = 46/255
        // -> pos 1.804 -> (238.3, 97.0, 61.5)
        assertRgb(new int[] {238, 97, 62}, m.rgb(0.0), 1, "NDVI 0.0");
    }

    @Test
    void otherMapsAndRanges() {
        assertEquals(0xf7fbff, ColorMap.blues(-0.3, 0.6).rgb(-0.3));
        assertEquals(0x08306b, ColorMap.blues(-0.3, 0.6).rgb(0.6));
        assertEquals(0x440154, ColorMap.viridis(0, 1).rgb(0));
        assertEquals(0x21908c, ColorMap.viridis(0, 1).rgb(0.5));
        assertEquals(0xfde725, ColorMap.named("VIRIDIS", 0, 1).rgb(1));
        ColorMap wide = ColorMap.named("rdylgn", -1, 1);
        assertEquals(0xffffbf, wide.rgb(0));
        assertEquals(0xffffbf, wide.withRange(0, 1).rgb(0.5));
        assertThrows(IllegalArgumentException.class, () -> ColorMap.rdYlGn(0.5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> ColorMap.named("jet", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> ColorMap.rdYlGn().rgb(Double.NaN));
    }

    @Test
    void pngRoundTripKeepsColoursAndTransparency() throws IOException {
        int w = 4;
        int h = 3;
        double[] ndvi = {-0.2, 0.35, 0.9, 0.735, 0.0, Double.NaN, 0.5, 0.6, 0.1, 0.2, -0.1, 0.8};
        boolean[] valid = {true, true, true, true, true, true, false, true, true, true, true, false};
        BufferedImage img = ColorMap.rdYlGn().render(ndvi, valid, w, h);
        Path png = dir.resolve("out/ndvi.png");
        PngWriter.write(img, png);
        assertTrue(Files.size(png) > 0);
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(w, back.getWidth());
        assertEquals(h, back.getHeight());
        assertTrue(back.getColorModel().hasAlpha());
        for (int i = 0; i < ndvi.length; i++) {
            int argb = back.getRGB(i % w, i / w);
            if (!valid[i] || Double.isNaN(ndvi[i])) {
                assertEquals(0, argb >>> 24, "pixel " + i + " is invalid: alpha 0");
            } else {
                assertEquals(255, argb >>> 24, "pixel " + i + " is opaque");
                assertEquals(ColorMap.rdYlGn().rgb(ndvi[i]), argb & 0xffffff, "pixel " + i);
            }
        }
        assertRgb(new int[] {63, 170, 89}, back.getRGB(3, 0), 1, "NDVI 0.735 after PNG");
        assertRgb(RDYLGN[0], back.getRGB(0, 0), 0, "NDVI -0.2 after PNG");
        assertThrows(IllegalArgumentException.class, () -> ColorMap.rdYlGn().render(ndvi, valid, 5, 3));
    }
}
