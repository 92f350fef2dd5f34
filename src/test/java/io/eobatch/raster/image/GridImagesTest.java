package io.eobatch.raster.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.eobatch.raster.GridGeometry;

/** Mosaics of images on grids, pixel by pixel, and the nearest-neighbour resize. */
class GridImagesTest {

    private static final int A = 0xffff0000;
    private static final int B = 0xff0000ff;
    private static final int CLEAR = 0;

    /** An image whose pixels are given row by row. */
    private static BufferedImage image(int w, int... argb) {
        BufferedImage img = new BufferedImage(w, argb.length / w, BufferedImage.TYPE_INT_ARGB);
        for (int i = 0; i < argb.length; i++) {
            img.setRGB(i % w, i / w, argb[i]);
        }
        return img;
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @Test
    void oneImageIsReturnedAsItIs() {
        BufferedImage a = image(2, A, A);
        assertSame(a, GridImages.mosaic(List.of(new GridGeometry(32633, 2, 1, 0, 0, 10, -10)), List.of(a)));
    }

    /**
     * a: 2x2 at x 0..20, y 20..0; b: 2x2 one pixel to the right and half a pixel down (x 10..30, y 15..-5).
     * The union on a's lattice is 3 columns x 3 rows (x 0..30, y 20..-10). b's pixels are taken at the output
     * pixels' centres: output row 1 (y centre 5) is b's row 1 (y 5..-5); output row 0 (y 15) is b's row 0 (15..5).
     */
    @Test
    void theFirstOpaquePixelWinsOnTheFirstGridsLattice() {
        GridGeometry ga = new GridGeometry(32633, 2, 2, 0, 20, 10, -10);
        GridGeometry gb = new GridGeometry(32633, 2, 2, 10, 15, 10, -10);
        BufferedImage a = image(2,
                A, CLEAR,
                CLEAR, A);
        BufferedImage b = image(2,
                B, 0xff00ff00,
                0xff0000aa, B);
        BufferedImage m = GridImages.mosaic(List.of(ga, gb), List.of(a, b));
        assertEquals(3, m.getWidth());
        assertEquals(3, m.getHeight());
        int[] expected = {
            A, B, 0xff00ff00,           // y centre 15: a row 0; b row 0 (y 15..5) at x 15, 25
            CLEAR, A, B,                // y centre 5: a row 1 (x 15 is a's opaque pixel); b row 1 at x 25
            CLEAR, CLEAR, CLEAR};       // y centre -5: below b (its last row ends at y -5)
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(pixels(m)));
    }

    @Test
    void imagesOnAnotherCrsOrPixelSizeAreLeftOut() {
        GridGeometry ga = new GridGeometry(32633, 1, 1, 0, 10, 10, -10);
        BufferedImage a = image(1, CLEAR);
        BufferedImage b = image(1, B);
        BufferedImage m = GridImages.mosaic(List.of(ga, new GridGeometry(32634, 1, 1, 0, 10, 10, -10)), List.of(a, b));
        assertEquals(CLEAR, m.getRGB(0, 0));
        m = GridImages.mosaic(List.of(ga, new GridGeometry(32633, 1, 1, 0, 10, 20, -20)), List.of(a, b));
        assertEquals(1, m.getWidth());
        assertEquals(CLEAR, m.getRGB(0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> GridImages.mosaic(List.of(new GridGeometry(32633, 2, 1, 0, 10, 10, -10)), List.of(b)));
    }

    @Test
    void resizeTakesTheNearestPixelAndKeepsAlphaCrisp() {
        BufferedImage src = image(2,
                A, CLEAR,
                B, A);
        BufferedImage big = GridImages.resize(src, 4, 3);
        int[] expected = {
            A, A, CLEAR, CLEAR,
            B, B, A, A,         // row centre 1.5 of 3 -> source row floor(1.5 * 2 / 3) = 1
            B, B, A, A};
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(pixels(big)));
        BufferedImage small = GridImages.resize(src, 1, 1);
        assertEquals(A, small.getRGB(0, 0), "centre 0.5 of 1 -> source (1, 1)");
        assertSame(src, GridImages.resize(src, 2, 2));
    }
}
