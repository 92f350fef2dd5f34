package io.eobatch.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AoiComparisonChartTest {

    private static byte[] png(List<AoiComparisonChart.Bar> bars) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AoiComparisonChart.writePng("NDVI per AOI, 2023-08-01 .. 2023-08-31", "whiskers: min and max",
                "NDVI", "mean of the per-scene means", "min .. max of the per-scene means", bars, out);
        return out.toByteArray();
    }

    @Test
    void barsWithWhiskersArePaintedOnePerAoi() throws Exception {
        byte[] bytes = png(List.of(new AoiComparisonChart.Bar("wheat field", 0.41, -0.04, 0.86),
                new AoiComparisonChart.Bar("lake", -0.26, -0.32, -0.02),
                new AoiComparisonChart.Bar("town", 0.17, -0.03, 0.21)));
        ChartPngs.keep("comparison.png", bytes);
        BufferedImage img = ChartPngs.decode(bytes);
        assertEquals(800, img.getWidth());
        assertEquals(AoiComparisonChart.HEIGHT, img.getHeight());
        int bar = ChartPngs.count(img, Charts.VALUE.getRGB(), 0, 0, img.getWidth(), img.getHeight());
        assertTrue(bar > 3000, "bar colour painted: " + bar + " px");
        assertTrue(ChartPngs.colours(img) > 20, "anti-aliased text and shapes, not a blank image");
        // Three bars: three separate runs of columns in the bar colour (the legend swatch is lower than 40 px).
        Set<Integer> cols = ChartPngs.columnsWith(img, Charts.VALUE.getRGB(), 40);
        assertEquals(3, runs(cols), "one bar per AOI: columns " + cols);
        // The whiskers: the darkest ink, in a column inside each bar, longer than the bar of the first AOI.
        int whisker = ChartPngs.count(img, Charts.INK.getRGB(), 0, 0, img.getWidth(), img.getHeight());
        assertTrue(whisker > 3 * 30, "whiskers painted: " + whisker + " px");
    }

    @Test
    void anAoiWithoutValueKeepsItsSlotAndManyAoisWidenTheChart() throws Exception {
        List<AoiComparisonChart.Bar> bars = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            bars.add(new AoiComparisonChart.Bar("aoi-" + i, i == 3 ? null : 0.03 * (i + 1), i == 3 ? null : 0.0,
                    i == 3 ? null : 0.05 * (i + 1)));
        }
        BufferedImage img = ChartPngs.decode(png(bars));
        assertEquals(160 + 90 * 20, img.getWidth());
        assertEquals(19, runs(ChartPngs.columnsWith(img, Charts.VALUE.getRGB(), 3, img.getHeight() - 40)),
                "19 bars with a value (the legend, at the bottom, left out)");
    }

    @Test
    void noAoiAtAllStillGivesAnImage() throws Exception {
        BufferedImage img = ChartPngs.decode(png(List.of()));
        assertEquals(800, img.getWidth());
    }

    @Test
    void duplicateLabelsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AoiComparisonChart.create("t", null, "NDVI", "mean",
                "range", List.of(new AoiComparisonChart.Bar("a", 0.1, 0.0, 0.2),
                        new AoiComparisonChart.Bar("a", 0.2, 0.1, 0.3))));
    }

    /** Number of runs of integers, a gap of up to 4 (a whisker or a label over a bar) not breaking a run. */
    static int runs(Set<Integer> xs) {
        int n = 0;
        for (int x : xs) {
            boolean continues = false;
            for (int d = 1; d <= 5; d++) {
                continues |= xs.contains(x - d);
            }
            if (!continues) {
                n++;
            }
        }
        return n;
    }
}
