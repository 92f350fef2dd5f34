package io.eobatch.chart;

import java.awt.Color;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.text.DecimalFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.MinMaxCategoryRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * A bar chart comparing AOIs: per AOI a bar at its value (e.g. the mean over the scenes of the AOI's index mean),
 * with a whisker from its min to its max. AOIs without a value get an empty slot (their label stays on the axis).
 */
public final class AoiComparisonChart {

    /** Height of the PNG, pixels. */
    public static final int HEIGHT = 600;

    /**
     * One AOI's bar.
     *
     * @param label the AOI's name on the axis (unique in a chart)
     * @param value the bar's height, or null when the AOI has no value
     * @param min   the whisker's lower end, or null
     * @param max   the whisker's upper end, or null
     */
    public record Bar(String label, Double value, Double min, Double max) {
        public Bar {
            Objects.requireNonNull(label, "label");
        }
    }

    private AoiComparisonChart() {
    }

    /** Width of the PNG for {@code n} AOIs, pixels: 90 per AOI, between 800 and 4000. */
    public static int width(int n) {
        return Math.max(800, Math.min(4000, 160 + 90 * n));
    }

    /**
     * The chart.
     *
     * @param title      e.g. "NDVI per AOI, 2023-08-01 .. 2023-08-31"
     * @param subtitle   a line under the title (may be null)
     * @param valueLabel the value axis' label, e.g. "NDVI"
     * @param valueName  what the bars are, for the legend, e.g. "mean of the per-scene means"
     * @param rangeName  what the whiskers are, for the legend, e.g. "min .. max of the per-scene means"
     * @param bars       the AOIs, in axis order; labels must be unique
     */
    public static JFreeChart create(String title, String subtitle, String valueLabel, String valueName,
                                    String rangeName, List<Bar> bars) {
        DefaultCategoryDataset values = new DefaultCategoryDataset();
        DefaultCategoryDataset ranges = new DefaultCategoryDataset();
        Map<String, Boolean> seen = new HashMap<>();
        for (Bar b : bars) {
            if (seen.put(b.label(), Boolean.TRUE) != null) {
                throw new IllegalArgumentException("duplicate bar label: " + b.label());
            }
            values.addValue(b.value(), valueName, b.label());
            ranges.addValue(b.min(), "min", b.label());
            ranges.addValue(b.max(), "max", b.label());
        }

        CategoryAxis axis = new CategoryAxis("AOI");
        axis.setCategoryLabelPositions(bars.size() > 8 ? CategoryLabelPositions.UP_45
                : CategoryLabelPositions.STANDARD);
        axis.setMaximumCategoryLabelLines(2);
        NumberAxis valueAxis = new NumberAxis(valueLabel);
        valueAxis.setAutoRangeIncludesZero(true);

        BarRenderer barRenderer = new BarRenderer();
        barRenderer.setBarPainter(new StandardBarPainter());
        barRenderer.setShadowVisible(false);
        barRenderer.setSeriesPaint(0, Charts.VALUE);
        barRenderer.setMaximumBarWidth(0.12);
        barRenderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
                new DecimalFormat("0.000")));
        barRenderer.setDefaultItemLabelsVisible(true);
        // the value in the bar's outer right corner, clear of the whisker in the middle
        barRenderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.INSIDE1,
                TextAnchor.TOP_RIGHT));
        barRenderer.setDefaultNegativeItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.INSIDE5,
                TextAnchor.BOTTOM_RIGHT));
        barRenderer.setDefaultItemLabelPaint(Color.WHITE);

        MinMaxCategoryRenderer whiskers = new MinMaxCategoryRenderer();
        whiskers.setObjectIcon(Charts.none());
        whiskers.setGroupPaint(Charts.INK);
        whiskers.setGroupStroke(Charts.stroke(1.5f));
        whiskers.setMinIcon(Charts.cap(7, Charts.INK, Charts.stroke(1.5f)));
        whiskers.setMaxIcon(Charts.cap(7, Charts.INK, Charts.stroke(1.5f)));

        CategoryPlot plot = new CategoryPlot(values, axis, valueAxis, barRenderer);
        plot.setDataset(1, ranges);
        plot.setRenderer(1, whiskers);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Charts.GRID);
        plot.setRangeZeroBaselineVisible(true);
        plot.setNoDataMessage("no AOI has a value");

        LegendItemCollection legend = new LegendItemCollection();
        legend.add(new LegendItem(valueName, null, null, null, new Rectangle2D.Double(-6, -6, 12, 12),
                Charts.VALUE));
        legend.add(new LegendItem(rangeName, null, null, null, new Line2D.Double(0, -7, 0, 7),
                Charts.stroke(1.5f), Charts.INK));
        plot.setFixedLegendItems(legend);

        JFreeChart chart = new JFreeChart(title, Charts.TITLE, plot, true);
        Charts.style(chart, subtitle);
        return chart;
    }

    /** Writes the chart as a PNG, {@link #width(int)} x {@link #HEIGHT} pixels. */
    public static void writePng(String title, String subtitle, String valueLabel, String valueName, String rangeName,
                                List<Bar> bars, OutputStream out) throws IOException {
        Charts.png(create(title, subtitle, valueLabel, valueName, rangeName, bars), width(bars.size()), HEIGHT, out);
    }
}
