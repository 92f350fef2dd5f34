package io.eobatch.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Component;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Stroke;
import java.io.IOException;
import java.io.OutputStream;

import javax.swing.Icon;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.TextTitle;

/** What the charts share: colours, fonts, PNG output. */
public final class Charts {

    /** The colour of values (bars, the time-series line). */
    public static final Color VALUE = new Color(0x2c, 0x7f, 0xb8);
    /** The colour of doubtful values (cloudy dates). */
    public static final Color DOUBTFUL = new Color(0xd7, 0x30, 0x27);
    /** Whiskers and markers of missing values. */
    public static final Color INK = new Color(0x33, 0x33, 0x33);
    public static final Color GRID = new Color(0xdd, 0xdd, 0xdd);
    /** Dates without a value. */
    public static final Color MISSING = new Color(0xcc, 0xcc, 0xcc);

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private Charts() {
    }

    /** Writes {@code chart} as a PNG of {@code width} x {@code height} pixels (the stream is not closed). */
    public static void png(JFreeChart chart, int width, int height, OutputStream out) throws IOException {
        ChartUtils.writeChartAsPNG(out, chart, width, height);
    }

    static void style(JFreeChart chart, String subtitle) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(TITLE);
        if (subtitle != null && !subtitle.isBlank()) {
            TextTitle t = new TextTitle(subtitle, SUBTITLE);
            chart.addSubtitle(t);
        }
        chart.setAntiAlias(true);
    }

    /** A horizontal line icon centred on the point it is painted at (a whisker's cap). */
    static Icon cap(int halfWidth, Paint paint, Stroke stroke) {
        return new Icon() {
            @Override
            public void paintIcon(Component c, Graphics g, int x, int y) {
                Graphics2D g2 = (Graphics2D) g;
                g2.setPaint(paint);
                g2.setStroke(stroke);
                g2.drawLine(x - halfWidth, y, x + halfWidth, y);
            }

            @Override
            public int getIconWidth() {
                return 2 * halfWidth;
            }

            @Override
            public int getIconHeight() {
                return 1;
            }
        };
    }

    /** An icon that paints nothing. */
    static Icon none() {
        return new Icon() {
            @Override
            public void paintIcon(Component c, Graphics g, int x, int y) {
            }

            @Override
            public int getIconWidth() {
                return 0;
            }

            @Override
            public int getIconHeight() {
                return 0;
            }
        };
    }

    static BasicStroke stroke(float width) {
        return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }
}
