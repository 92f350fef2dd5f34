package io.eobatch.stac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.eobatch.testsupport.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/** The static catalog against the real Drava catalog: 10 items, MGRS tiles 33TWL and 33TWM, 5 dates. */
class StaticStacCatalogTest {

    /** All 10 items by datetime, then id (tiles 33TWM and 33TWL of one pass are 14 s apart). */
    static final List<String> ALL_BY_DATETIME = List.of(
            "S2B_33TWM_20230810_0_L2A", "S2B_33TWL_20230810_0_L2A",
            "S2B_33TWM_20230813_0_L2A", "S2B_33TWL_20230813_0_L2A",
            "S2A_33TWM_20230815_0_L2A", "S2A_33TWL_20230815_0_L2A",
            "S2A_33TWM_20230818_0_L2A", "S2A_33TWL_20230818_0_L2A",
            "S2B_33TWM_20230820_0_L2A", "S2B_33TWL_20230820_0_L2A");

    static StacCatalog catalog;
    static Map<String, Geometry> aois;

    @BeforeAll
    static void open() {
        catalog = StacCatalogs.open(TestData.dravaCatalog());
        aois = TestData.dravaAois();
    }

    static List<String> ids(SearchRequest r) {
        return ids(catalog, r);
    }

    static List<String> ids(StacCatalog c, SearchRequest r) {
        return c.search(r).map(StacItem::id).collect(Collectors.toList());
    }

    static SearchRequest.Builder req() {
        return SearchRequest.builder();
    }

    @Test
    void opensTheRootCatalogAsStaticWithOneCollection() {
        assertInstanceOf(StaticStacCatalog.class, catalog);
        assertEquals(List.of("sentinel-2-l2a"), catalog.collections());
        assertEquals(10, ((StaticStacCatalog) catalog).items().size());
    }

    @Test
    void searchWithoutFiltersReturnsAllItemsByDatetimeThenId() {
        assertEquals(ALL_BY_DATETIME, ids(req().build()));
        assertEquals(ALL_BY_DATETIME, ids(req().collections("sentinel-2-l2a").build()));
        assertEquals(List.of(), ids(req().collections("landsat-c2-l2").build()));
    }

    @Test
    void cloudCoverFilterIsInclusive() {
        // eo:cloud_cover: 70.63 69.29 1.11 1.70 0.207 0.204 43.86 45.75 1.34 8.07
        assertEquals(6, ids(req().maxCloudCover(10.0).build()).size());
        assertEquals(List.of("S2B_33TWM_20230813_0_L2A", "S2A_33TWM_20230815_0_L2A", "S2A_33TWL_20230815_0_L2A"),
                ids(req().maxCloudCover(1.2).build()));
        assertEquals(List.of("S2A_33TWL_20230815_0_L2A"), ids(req().maxCloudCover(0.20399).build()));
        assertEquals(List.of(), ids(req().maxCloudCover(0.2).build()));
    }

    @Test
    void datetimeFilterIsInclusiveOnWholeDaysAndInstants() {
        assertEquals(List.of("S2B_33TWM_20230813_0_L2A", "S2B_33TWL_20230813_0_L2A",
                        "S2A_33TWM_20230815_0_L2A", "S2A_33TWL_20230815_0_L2A"),
                ids(req().datetime(LocalDate.of(2023, 8, 13), LocalDate.of(2023, 8, 15)).build()));
        assertEquals(2, ids(req().datetime(LocalDate.of(2023, 8, 20), LocalDate.of(2023, 8, 20)).build()).size());
        assertEquals(0, ids(req().datetime(LocalDate.of(2023, 8, 11), LocalDate.of(2023, 8, 12)).build()).size());
        // exactly the datetime of S2A_33TWL_20230815 as the (inclusive) lower bound, open upper bound
        assertEquals(List.of("S2A_33TWL_20230815_0_L2A", "S2A_33TWM_20230818_0_L2A", "S2A_33TWL_20230818_0_L2A",
                        "S2B_33TWM_20230820_0_L2A", "S2B_33TWL_20230820_0_L2A"),
                ids(req().datetime(Instant.parse("2023-08-15T09:58:11.662Z"), null).build()));
        assertEquals(10, ids(req().month(java.time.YearMonth.of(2023, 8)).build()).size());
    }

    @Test
    void geometryFilterUsesTheItemFootprint() {
        // drava-a straddles the overlap of the two tiles, drava-b lies south of 33TWM
        assertEquals(ALL_BY_DATETIME, ids(req().intersects(aois.get("drava-a")).build()));
        List<String> b = ids(req().intersects(aois.get("drava-b")).build());
        assertEquals(5, b.size());
        assertTrue(b.stream().allMatch(id -> id.contains("_33TWL_")), b.toString());
        // a point north of 33TWL (lat 46.15) lies in 33TWM only
        Geometry north = GeoJson.WGS84.createPoint(new org.locationtech.jts.geom.Coordinate(16.0, 46.15));
        List<String> n = ids(req().intersects(north).build());
        assertEquals(5, n.size());
        assertTrue(n.stream().allMatch(id -> id.contains("_33TWM_")), n.toString());
        // far away (Vienna)
        assertEquals(List.of(), ids(req().bbox(16.3, 48.1, 16.5, 48.3).build()));
        // a sliver inside the bbox of the 33TWL items but below their (tilted) footprint polygon: no match
        assertEquals(List.of(), ids(req().bbox(15.7718, 45.7765, 15.7725, 45.7775).build()));
        // the same size of box just inside the footprint's south-west corner: all five 33TWL items
        assertEquals(5, ids(req().bbox(15.7735, 45.7830, 15.7742, 45.7840).build()).size());
    }

    @Test
    void filtersCombine() {
        assertEquals(List.of("S2B_33TWL_20230813_0_L2A", "S2A_33TWL_20230815_0_L2A", "S2B_33TWL_20230820_0_L2A"),
                ids(req().collections("sentinel-2-l2a").intersects(aois.get("drava-b")).maxCloudCover(10.0)
                        .datetime(LocalDate.of(2023, 8, 13), LocalDate.of(2023, 8, 31)).build()));
    }

    @Test
    void sortByCloudCoverDescending() {
        List<String> ids = ids(req().sortBy(SearchRequest.SortBy.desc("eo:cloud_cover")).build());
        assertEquals(10, ids.size());
        assertEquals("S2B_33TWM_20230810_0_L2A", ids.get(0));
        assertEquals("S2B_33TWL_20230810_0_L2A", ids.get(1));
        assertEquals("S2A_33TWL_20230815_0_L2A", ids.get(9));
    }

    @Test
    void parsesEveryFieldOfARealItem() throws IOException {
        StacItem item = catalog.item("sentinel-2-l2a", "S2A_33TWL_20230815_0_L2A").orElseThrow();
        assertEquals("sentinel-2-l2a", item.collection());
        assertEquals(Instant.parse("2023-08-15T09:58:11.662Z"), item.datetime());
        assertEquals(0.20399, item.cloudCover());
        assertEquals(32633, item.epsg());
        assertEquals("05.09", item.processingBaseline());
        assertTrue(item.boaOffsetApplied());
        assertEquals(0, item.boaOffsetDn(), "Earth Search already removed the offset");
        assertEquals("MGRS-33TWL", item.gridCode());
        assertEquals("33TWL", item.mgrsTile());
        assertArrayEquals(new double[] {15.77157362009416, 45.776310698544584, 16.293290853633177, 46.04879133784264},
                item.bbox());
        assertEquals("Polygon", item.geometry().getGeometryType());
        assertEquals(5, item.geometry().getNumPoints());
        Envelope e = item.geometry().getEnvelopeInternal();
        assertEquals(15.77157362009416, e.getMinX());
        assertEquals(46.04879133784264, e.getMaxY());
        assertEquals("sentinel-2", item.properties().getString("constellation"));
        assertEquals(TestData.dravaItemJson("S2A_33TWL_20230815_0_L2A").toUri(), item.url());

        assertEquals(List.of("blue", "green", "red", "nir", "scl"), List.copyOf(item.assets().keySet()));
        Map<String, String> files = Map.of("blue", "B02.tif", "green", "B03.tif", "red", "B04.tif", "nir", "B08.tif",
                "scl", "SCL.tif");
        for (StacAsset a : item.assets().values()) {
            assertEquals("file", a.href().getScheme());
            Path p = Path.of(a.href());
            assertEquals(files.get(a.key()), p.getFileName().toString());
            assertTrue(Files.isRegularFile(p), "asset " + a.key() + " resolves to a missing file " + p);
            assertTrue(Files.size(p) > 1000);
            assertEquals(TestData.dravaItemJson(item.id()).getParent(), p.getParent());
            assertArrayEquals(new int[] {250, 334}, a.projShape());
            assertArrayEquals(new double[] {120, 0, 559980, 0, -120, 5100000}, a.projTransform());
            assertEquals(0.0, a.nodata());
            assertEquals("image/tiff; application=geotiff; profile=cloud-optimized", a.type());
        }
        StacAsset red = item.requireAsset("red");
        assertEquals(334, red.width());
        assertEquals(250, red.height());
        assertEquals(0.0001, red.scale());
        assertEquals(-0.1, red.offset());
        assertEquals(List.of("data", "reflectance"), red.roles());
        assertEquals("Red (band 4) - 10m", red.title());
        assertNull(item.requireAsset("scl").scale());
        assertFalse(item.asset("visual").isPresent());
    }

    @Test
    void itemLookup() {
        assertTrue(catalog.item("sentinel-2-l2a", "S2B_33TWM_20230820_0_L2A").isPresent());
        assertTrue(catalog.item(null, "S2B_33TWM_20230820_0_L2A").isPresent());
        assertFalse(catalog.item("sentinel-2-l2a", "S2B_33TWM_20230821_0_L2A").isPresent());
        assertFalse(catalog.item("other", "S2B_33TWM_20230820_0_L2A").isPresent());
    }

    @Test
    void aCollectionOrASingleItemIsARootToo() {
        StacCatalog collection = StacCatalogs.open(TestData.dravaCatalog().resolveSibling("sentinel-2-l2a/collection.json"));
        assertEquals(List.of("sentinel-2-l2a"), collection.collections());
        assertEquals(ALL_BY_DATETIME, ids(collection, req().build()));

        StacCatalog single = StacCatalogs.open(TestData.dravaItemJson("S2B_33TWL_20230813_0_L2A"));
        assertEquals(List.of("sentinel-2-l2a"), single.collections());
        assertEquals(List.of("S2B_33TWL_20230813_0_L2A"), ids(single, req().build()));
        assertEquals(List.of(), ids(single, req().maxCloudCover(1.0).build()));
    }

    @Test
    void staticCatalogOverHttpResolvesHrefsAgainstDocumentUrlsAndFetchesEachDocumentOnce() throws Exception {
        Path base = TestData.dravaCatalog().getParent();
        Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/stac/", ex -> {
            String rel = ex.getRequestURI().getPath().substring("/stac/".length());
            hits.computeIfAbsent(rel, k -> new AtomicInteger()).incrementAndGet();
            Path f = base.resolve(rel).normalize();
            if (!f.startsWith(base) || !Files.isRegularFile(f)) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            byte[] bytes = Files.readAllBytes(f);
            ex.getResponseHeaders().set("Content-Type", rel.endsWith(".json") ? "application/json" : "image/tiff");
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        try {
            URI root = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/stac/catalog.json");
            StacCatalog http = StacCatalogs.open(root);
            assertInstanceOf(StaticStacCatalog.class, http);
            assertEquals(ALL_BY_DATETIME, ids(http, req().build()));
            assertEquals(5, ids(http, req().intersects(aois.get("drava-b")).build()).size());
            StacItem item = http.item("sentinel-2-l2a", "S2A_33TWM_20230818_0_L2A").orElseThrow();
            URI red = item.requireAsset("red").href();
            assertEquals(root.resolve("sentinel-2-l2a/S2A_33TWM_20230818_0_L2A/B04.tif"), red);

            assertEquals(12, hits.size(), hits.toString()); // catalog + collection + 10 items
            hits.forEach((path, n) -> assertEquals(1, n.get(), path + " fetched " + n + " times"));

            HttpResponse<InputStream> tif = HttpClient.newHttpClient().send(HttpRequest.newBuilder(red).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, tif.statusCode());
            try (InputStream in = tif.body()) {
                assertEquals(Files.size(base.resolve("sentinel-2-l2a/S2A_33TWM_20230818_0_L2A/B04.tif")),
                        in.readAllBytes().length);
            }
        } finally {
            server.stop(0);
        }
    }
}
