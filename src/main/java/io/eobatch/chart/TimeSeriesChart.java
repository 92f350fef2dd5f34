package io.eobatch.chart;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.Shape;
import java.io.IOException;
import java.io.OutputStream;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TimeZone;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The time series of one AOI: its index mean per date as a line with points. Cloudy dates (clear fraction below
 * {@link #CLOUDY_BELOW}) are drawn as red crosses off the line, dates without a valid pixel as light grey bands one day
 * wide; a legend names the three. The date axis spans the job's period (UTC).
 */
public final class TimeSeriesChart {

    /** A date whose clear fraction is below this is cloudy. */
    public static final double CLOUDY_BELOW = 0.5;
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 500;

    private static final long DAY_MILLIS = 86_400_000L;

    /**
     * One date of the series.
     *
     * @param date          the acquisition date (UTC)
     * @param mean          the index mean over the AOI's valid pixels, or null when there is none
     * @param clearFraction valid pixels / pixels in the AOI, 0..1
     * @param validCount    valid pixels
     */
    public record Point(LocalDate date, Double mean, double clearFraction, long validCount) {
        public Point {
            Objects.requireNonNull(date, "date");
        }

        /** No valid pixel: nothing to plot. */
        public boolean empty() {
            return validCount == 0 || mean == null || mean.isNaN();
        }

        /** A value, but from a mostly cloudy view. */
        public boolean cloudy() {
            return !empty() && clearFraction < CLOUDY_BELOW;
        }
    }

    private TimeSeriesChart() {
    }

    /**
     * The chart.
     *
     * @param title      e.g. "drava-a: NDVI mean per date"
     * @param subtitle   a line under the title (may be null)
     * @param valueLabel the value axis' label, e.g. "NDVI (mean over the AOI)"
     * @param from       first day of the period (the axis starts there)
     * @param to         last day of the period, inclusive
     * @param points     the dates, any order
     */
    public static JFreeChart create(String title, String subtitle, String valueLabel, LocalDate from, LocalDate to,
                                    List<Point> points) {
        XYSeries clear = new XYSeries("mean on clear dates (clear fraction >= " + CLOUDY_BELOW + ")", true, true);
        XYSeries cloudy = new XYSeries("mean on cloudy dates (clear fraction < " + CLOUDY_BELOW + ")", true, true);
        for (Point p : points) {
            if (p.cloudy()) {
                cloudy.add(millis(p.date()), p.mean());
            } else if (!p.empty()) {
                clear.add(millis(p.date()), p.mean());
            }
        }
        DateAxis dates = new DateAxis("date (UTC)");
        dates.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
        dates.setLocale(Locale.ROOT);
        dates.setDateFormatOverride(utcFormat());
        long start = millis(from);
        long end = millis(to);
        dates.setRange(start - DAY_MILLIS / 2.0, end + DAY_MILLIS / 2.0);
        NumberAxis values = new NumberAxis(valueLabel);
        values.setAutoRangeIncludesZero(false);

        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, true);
        line.setSeriesPaint(0, Charts.VALUE);
        line.setSeriesStroke(0, Charts.stroke(2f));
        line.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
        XYLineAndShapeRenderer crosses = new XYLineAndShapeRenderer(false, true);
        crosses.setSeriesPaint(0, Charts.DOUBTFUL);
        crosses.setSeriesShape(0, cross(6));
        crosses.setSeriesShapesFilled(0, false);
        crosses.setUseOutlinePaint(false);
        crosses.setDrawOutlines(true);
        crosses.setSeriesOutlineStroke(0, Charts.stroke(2f));
        crosses.setSeriesStroke(0, Charts.stroke(2f));

        XYPlot plot = new XYPlot(new XYSeriesCollection(clear), dates, values, line);
        plot.setDataset(1, new XYSeriesCollection(cloudy));
        plot.setRenderer(1, crosses);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Charts.GRID);
        plot.setRangeGridlinePaint(Charts.GRID);
        boolean anyEmpty = false;
        for (Point p : points) {
            if (p.empty()) {
                // a band one day wide, behind the data
                IntervalMarker m = new IntervalMarker(millis(p.date()) - DAY_MILLIS / 2.0,
                        millis(p.date()) + DAY_MILLIS / 2.0, Charts.MISSING);
                m.setAlpha(1f);
                plot.addDomainMarker(m, Layer.BACKGROUND);
                anyEmpty = true;
            }
        }
        if (clear.isEmpty() && cloudy.isEmpty()) {
            // An empty range axis would be auto-ranged to nothing: show the index's usual range.
            values.setRange(-1.0, 1.0);
        }

        LegendItemCollection legend = new LegendItemCollection();
        legend.add(new LegendItem(clear.getKey().toString(), null, null, null, true,
                new Ellipse2D.Double(-4, -4, 8, 8), true, Charts.VALUE, false, Charts.VALUE, Charts.stroke(1f),
                true, new Line2D.Double(-8, 0, 8, 0), Charts.stroke(2f), Charts.VALUE));
        legend.add(new LegendItem(cloudy.getKey().toString(), null, null, null, true, cross(6), false,
                Charts.DOUBTFUL, true, Charts.DOUBTFUL, Charts.stroke(2f), false, new Line2D.Double(), Charts.stroke(1f),
                Charts.DOUBTFUL));
        legend.add(new LegendItem("no valid pixel", null, null, null, new Rectangle2D.Double(-4, -7, 8, 14),
                Charts.MISSING));
        plot.setFixedLegendItems(legend);
        if (!anyEmpty && clear.isEmpty() && cloudy.isEmpty()) {
            plot.setNoDataMessage("no dates");
        }

        JFreeChart chart = new JFreeChart(title, Charts.TITLE, plot, true);
        Charts.style(chart, subtitle);
        return chart;
    }

    /** Writes the chart as a PNG, {@link #WIDTH} x {@link #HEIGHT} pixels. */
    public static void writePng(String title, String subtitle, String valueLabel, LocalDate from, LocalDate to,
                                List<Point> points, OutputStream out) throws IOException {
        Charts.png(create(title, subtitle, valueLabel, from, to, points), WIDTH, HEIGHT, out);
    }

    private static long millis(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    private static SimpleDateFormat utcFormat() {
        SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd", Locale.ROOT);
        f.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
        return f;
    }

    /** An X of half-size {@code r} (an outline shape: drawn, not filled). */
    private static Shape cross(double r) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(-r, -r);
        p.lineTo(r, r);
        p.moveTo(-r, r);
        p.lineTo(r, -r);
        return p;
    }
}
