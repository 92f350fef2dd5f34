package io.eobatch.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

class TimeSeriesChartTest {

    private static final LocalDate FROM = LocalDate.parse("2023-08-01");
    private static final LocalDate TO = LocalDate.parse("2023-08-31");

    private static final List<TimeSeriesChart.Point> POINTS = List.of(
            new TimeSeriesChart.Point(LocalDate.parse("2023-08-05"), 0.62, 0.95, 950),
            new TimeSeriesChart.Point(LocalDate.parse("2023-08-10"), 0.65, 0.90, 900),
            new TimeSeriesChart.Point(LocalDate.parse("2023-08-13"), 0.20, 0.10, 100),   // cloudy
            new TimeSeriesChart.Point(LocalDate.parse("2023-08-18"), null, 0.0, 0),      // no valid pixel
            new TimeSeriesChart.Point(LocalDate.parse("2023-08-25"), 0.58, 0.99, 990));

    @Test
    void clearDatesAreALineCloudyDatesCrossesAndEmptyDatesGreyBands() throws Exception {
        JFreeChart chart = TimeSeriesChart.create("drava-a: NDVI mean per date", "2023-08-01 .. 2023-08-31",
                "NDVI", FROM, TO, POINTS);
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage img = chart.createBufferedImage(TimeSeriesChart.WIDTH, TimeSeriesChart.HEIGHT, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        XYPlot plot = chart.getXYPlot();

        int cloudyX = x(plot, area, "2023-08-13");
        int emptyX = x(plot, area, "2023-08-18");
        int clearX = x(plot, area, "2023-08-10");
        int top = (int) area.getMinY();
        int bottom = (int) area.getMaxY();
        assertTrue(ChartPngs.count(img, Charts.DOUBTFUL.getRGB(), cloudyX - 8, top, cloudyX + 9, bottom) >= 10,
                "a red cross at the cloudy date's x");
        assertEquals(0, ChartPngs.count(img, Charts.DOUBTFUL.getRGB(), (int) area.getMinX(), top, cloudyX - 10,
                bottom), "no red before the cloudy date");
        assertTrue(ChartPngs.count(img, Charts.MISSING.getRGB(), emptyX - 1, top, emptyX + 2, bottom)
                > 2 * (bottom - top), "a grey band at the empty date's x");
        assertEquals(0, ChartPngs.count(img, Charts.MISSING.getRGB(), clearX - 1, top, clearX + 2, bottom),
                "no grey band at a clear date");
        assertTrue(ChartPngs.count(img, Charts.VALUE.getRGB(), clearX - 5, top, clearX + 6, bottom) >= 20,
                "a point at a clear date's x");
        // The line joins the clear dates only: between the 10th and the 25th it runs above the cloudy value.
        int lineY = firstRow(img, Charts.VALUE.getRGB(), cloudyX, top, bottom);
        double cloudyY = plot.getRangeAxis().valueToJava2D(0.20, area, plot.getRangeAxisEdge());
        assertTrue(lineY > 0 && lineY < cloudyY - 50, "the line passes well above the cloudy value at its date");
        assertTrue(ChartPngs.colours(img) > 20);
    }

    @Test
    void writesAPngOfTheDocumentedSize() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TimeSeriesChart.writePng("drava-a: NDVI mean per date", null, "NDVI", FROM, TO, POINTS, out);
        ChartPngs.keep("timeseries.png", out.toByteArray());
        BufferedImage img = ChartPngs.decode(out.toByteArray());
        assertEquals(TimeSeriesChart.WIDTH, img.getWidth());
        assertEquals(TimeSeriesChart.HEIGHT, img.getHeight());
    }

    @Test
    void anAoiWithoutAnyValidDateStillGetsAChart() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TimeSeriesChart.writePng("empty", null, "NDVI", FROM, TO,
                List.of(new TimeSeriesChart.Point(LocalDate.parse("2023-08-18"), null, 0.0, 0)), out);
        BufferedImage img = ChartPngs.decode(out.toByteArray());
        assertTrue(ChartPngs.count(img, Charts.MISSING.getRGB(), 0, 0, img.getWidth(), img.getHeight()) > 1000,
                "the empty date's band");
        out.reset();
        TimeSeriesChart.writePng("nothing", null, "NDVI", FROM, TO, List.of(), out);
        assertEquals(TimeSeriesChart.WIDTH, ChartPngs.decode(out.toByteArray()).getWidth());
    }

    @Test
    void cloudyMeansABelowHalfClearFractionWithAValue() {
        assertTrue(new TimeSeriesChart.Point(FROM, 0.1, 0.49, 49).cloudy());
        assertFalse(new TimeSeriesChart.Point(FROM, 0.1, 0.5, 50).cloudy());
        assertFalse(new TimeSeriesChart.Point(FROM, null, 0.0, 0).cloudy());
        assertTrue(new TimeSeriesChart.Point(FROM, null, 0.0, 0).empty());
    }

    private static int x(XYPlot plot, Rectangle2D area, String date) {
        long millis = LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        return (int) Math.round(plot.getDomainAxis().valueToJava2D(millis, area, plot.getDomainAxisEdge()));
    }

    private static int firstRow(BufferedImage img, int rgb, int x, int top, int bottom) {
        for (int y = top; y < bottom; y++) {
            for (int dx = -1; dx <= 1; dx++) {
                if ((img.getRGB(x + dx, y) & 0xffffff) == (rgb & 0xffffff)) {
                    return y;
                }
            }
        }
        return -1;
    }
}
