package io.eobatch.batch.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

import io.eobatch.chart.TimeSeriesChart;
import io.eobatch.aoi.Aoi;
import io.eobatch.batch.statistics.AoiSummary;
import io.eobatch.batch.statistics.StatisticsRow;
import io.eobatch.results.ResultFile;
import io.eobatch.results.ResultsStore;

class StatisticsResultsTest {

    @TempDir
    Path data;

    static StatisticsRow row(String aoi, String item, String when, long pixels, long valid, Double mean) {
        StatisticsRow r = new StatisticsRow();
        r.aoiId = aoi;
        r.itemId = item;
        r.acquired = Instant.parse(when);
        r.indexName = "ndvi";
        r.pixelCount = pixels;
        r.validCount = valid;
        r.nodataCount = pixels - valid;
        r.mean = mean;
        r.min = mean == null ? null : mean - 0.1;
        r.max = mean == null ? null : mean + 0.1;
        r.stdev = mean == null ? null : 0.05;
        r.p10 = r.min;
        r.p50 = mean;
        r.p90 = r.max;
        r.clearFraction = pixels == 0 ? 0 : (double) valid / pixels;
        return r;
    }

    static AoiSummary summary(String aoi, String name, Double mean, Double min, Double max) {
        AoiSummary s = new AoiSummary();
        s.jobInstanceId = 7;
        s.aoiId = aoi;
        s.aoiName = name;
        s.scenes = 3;
        s.validScenes = mean == null ? 0 : 2;
        s.meanOfMeans = mean;
        s.minOfMeans = min;
        s.maxOfMeans = max;
        s.firstDate = mean == null ? null : Instant.parse("2023-08-10T10:00:00Z");
        s.lastDate = mean == null ? null : Instant.parse("2023-08-20T10:00:00Z");
        return s;
    }

    static Aoi aoi(String id, String name, double x) {
        GeometryFactory f = new GeometryFactory();
        return new Aoi(id, name, f.createPolygon(new Coordinate[] {new Coordinate(x, 46), new Coordinate(x + 0.1, 46),
                new Coordinate(x + 0.1, 46.1), new Coordinate(x, 46), }), Instant.parse("2024-01-01T00:00:00Z"));
    }

    static StatisticsResults.Input input() {
        List<StatisticsRow> rows = new ArrayList<>(List.of(
                row("drava-b", "S2B_33TWL_20230810_0_L2A", "2023-08-10T10:00:00Z", 100, 0, null),
                row("drava-a", "S2B_33TWL_20230810_0_L2A", "2023-08-10T10:00:00Z", 100, 90, 0.6),
                row("drava-a", "S2B_33TWM_20230810_0_L2A", "2023-08-10T10:00:05Z", 100, 10, 0.2),
                row("drava-a", "S2B_33TWL_20230813_0_L2A", "2023-08-13T10:00:00Z", 100, 30, 0.3),
                row("drava-a", "S2A_33TWL_20230818_0_L2A", "2023-08-18T10:00:00Z", 100, 0, null)));
        return new StatisticsResults.Input("ndvi", LocalDate.parse("2023-08-01"), LocalDate.parse("2023-08-31"), rows,
                List.of(summary("drava-a", "Drava A", 0.45, 0.3, 0.56), summary("drava-b", "Drava B", null, null,
                        null)), List.of(aoi("drava-a", "Drava A", 15.5), aoi("drava-b", "Drava B", 15.7)));
    }

    @Test
    void writesTheCsvTheSummaryTheAoisAndTheCharts() throws Exception {
        ResultsStore store = ResultsStore.at(data);
        StatisticsResults.Input in = input();
        List<String> written = StatisticsResults.write(store, 7, in);
        assertEquals(List.of("statistics.csv", "summary.json", "aois.geojson", "charts/aoi-comparison.png",
                "charts/timeseries-drava-a.png", "charts/timeseries-drava-b.png"), written);
        assertEquals(written.stream().sorted().toList(), store.list(7).stream().map(ResultFile::path).toList(),
                "the listing has exactly the written files");

        Path dir = store.dir(7);
        List<StatisticsRow> sorted = new ArrayList<>(in.rows());
        sorted.sort((a, b) -> a.aoiId.equals(b.aoiId) ? a.acquired.compareTo(b.acquired) : a.aoiId.compareTo(b.aoiId));
        assertEquals(new StatisticsCsv().write(sorted), Files.readString(dir.resolve("statistics.csv")),
                "statistics.csv is the /statistics?format=csv body (rows by AOI, then time)");

        JsonArray summary = Json.createReader(new StringReader(Files.readString(dir.resolve("summary.json"))))
                .readArray();
        assertEquals(2, summary.size());
        JsonObject a = summary.getJsonObject(0);
        assertEquals(List.of("aoiId", "aoiName", "scenes", "validScenes", "failedItems", "mean", "min", "max",
                "firstDate", "lastDate"), List.copyOf(a.keySet()), "the keys of GET /summary, in its order");
        assertEquals("drava-a", a.getString("aoiId"));
        assertEquals(0.45, a.getJsonNumber("mean").doubleValue());
        assertEquals("2023-08-10T10:00:00Z", a.getString("firstDate"));
        assertTrue(summary.getJsonObject(1).isNull("mean"), "no value is a JSON null, not a missing key");

        JsonObject aois = Json.createReader(new StringReader(Files.readString(dir.resolve("aois.geojson"))))
                .readObject();
        assertEquals("FeatureCollection", aois.getString("type"));
        assertEquals("Polygon", aois.getJsonArray("features").getJsonObject(0).getJsonObject("geometry")
                .getString("type"));

        BufferedImage bars = ImageIO.read(dir.resolve("charts/aoi-comparison.png").toFile());
        assertNotNull(bars);
        assertEquals(800, bars.getWidth());
        BufferedImage ts = ImageIO.read(dir.resolve("charts/timeseries-drava-b.png").toFile());
        assertEquals(TimeSeriesChart.WIDTH, ts.getWidth());
        assertEquals(TimeSeriesChart.HEIGHT, ts.getHeight());
    }

    @Test
    void aSecondRunRewritesTheFilesAndLeavesNoTemporaryFile() throws Exception {
        ResultsStore store = ResultsStore.at(data);
        StatisticsResults.write(store, 7, input());
        StatisticsResults.Input in = input();
        in.rows().add(row("drava-b", "S2B_33TWL_20230820_0_L2A", "2023-08-20T10:00:00Z", 100, 100, 0.7));
        StatisticsResults.write(store, 7, in);
        String csv = Files.readString(store.dir(7).resolve("statistics.csv"), StandardCharsets.UTF_8);
        assertEquals(7, csv.split("\r\n").length, "header + 6 rows: rewritten, not appended");
        try (var files = Files.walk(store.dir(7))) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void rowsOfOneDateAreMergedWeightedByValidPixels() {
        List<TimeSeriesChart.Point> points = StatisticsResults.perDate(input().rows().subList(1, 5));
        assertEquals(3, points.size());
        TimeSeriesChart.Point tenth = points.get(0);
        assertEquals(LocalDate.parse("2023-08-10"), tenth.date());
        assertEquals((0.6 * 90 + 0.2 * 10) / 100, tenth.mean(), 1e-12);
        assertEquals(100 / 200.0, tenth.clearFraction(), 1e-12);
        assertFalse(tenth.cloudy());
        assertTrue(points.get(1).cloudy(), "30 % clear");
        assertTrue(points.get(2).empty());
        assertNull(points.get(2).mean());
    }

    @Test
    void sharedNamesAreToldApartByIdOnTheCharts() {
        var labels = StatisticsResults.labels(List.of(summary("a", "Field", 0.1, 0.0, 0.2),
                summary("b", "Field", 0.1, 0.0, 0.2), summary("c", null, 0.1, 0.0, 0.2)));
        assertEquals("Field (a)", labels.get("a"));
        assertEquals("Field (b)", labels.get("b"));
        assertEquals("c", labels.get("c"));
    }
}
