package io.eobatch.raster.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrueColourTest {

    @TempDir
    Path dir;

    @Test
    void fixedStretchWithGammaAndOffset() {
        TrueColour tc = TrueColour.defaults();
        // reflectance 0.1 of max 0.3: 255 * (1/3)^(1/1.5) = 122.6
        assertEquals(123, tc.encode(1000, 0));
        assertEquals(123, tc.encode(2000, -1000), "baseline >= 04.00: DN 2000 is reflectance 0.1");
        assertEquals(255, tc.encode(3000, 0));
        assertEquals(255, tc.encode(9000, 0));
        assertEquals(0, tc.encode(500, -1000), "negative reflectance is black");
        assertEquals(0, tc.encode(0, 0));
        // gamma 1: linear, 0.15 of 0.3 -> 127.5 -> 128
        assertEquals(128, new TrueColour(0.3, 1.0, 0.0001).encode(1500, 0));
        assertThrows(IllegalArgumentException.class, () -> new TrueColour(0, 1, 1));
    }

    @Test
    void nodataAndMaskAreTransparent() throws IOException {
        int[] r = {1000, 0, 3000, 1000};
        int[] g = {1000, 1000, 1500, 1000};
        int[] b = {1000, 1000, 0, 1000};
        boolean[] valid = {true, true, true, false};
        BufferedImage img = TrueColour.defaults().render(r, g, b, valid, 2, 2, 0);
        Path png = dir.resolve("rgb.png");
        PngWriter.write(img, png);
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(0xff7b7b7b, back.getRGB(0, 0), "grey 0.1 reflectance = 123 on every channel");
        assertEquals(0, back.getRGB(1, 0) >>> 24, "red nodata");
        assertEquals(0, back.getRGB(0, 1) >>> 24, "blue nodata");
        assertEquals(0, back.getRGB(1, 1) >>> 24, "masked");
    }

    @Test
    void realDravaClipRendersWithNodataAndCloudsTransparent() throws IOException {
        DravaBands d = DravaBands.of("S2B_33TWL_20230810_0_L2A"); // 69 % cloud cover
        boolean[] valid = d.valid();
        BufferedImage img = TrueColour.defaults().render(d.red, d.green, d.blue, valid, d.width, d.height, 0);
        Path png = dir.resolve("truecolour.png");
        PngWriter.write(img, png);
        BufferedImage back = ImageIO.read(png.toFile());
        int transparent = 0;
        int invalid = 0;
        for (int i = 0; i < valid.length; i++) {
            int argb = back.getRGB(i % d.width, i / d.width);
            if (!valid[i]) {
                invalid++;
            }
            if ((argb >>> 24) == 0) {
                transparent++;
            } else {
                TrueColour tc = TrueColour.defaults();
                int expected = (tc.encode(d.red[i], 0) << 16) | (tc.encode(d.green[i], 0) << 8) | tc.encode(d.blue[i], 0);
                assertEquals(expected, argb & 0xffffff, "pixel " + i);
            }
        }
        assertEquals(invalid, transparent, "exactly the invalid pixels are transparent");
        assertTrue(invalid > valid.length / 4 && invalid < valid.length, "a cloudy scene: " + invalid + " of " + valid.length);
    }
}
