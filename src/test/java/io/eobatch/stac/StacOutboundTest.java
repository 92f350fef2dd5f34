package io.eobatch.stac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Iterator;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import io.eobatch.outbound.BodyTooLargeException;
import io.eobatch.outbound.OutboundException;
import io.eobatch.outbound.OutboundLimits;
import io.eobatch.outbound.OutboundPolicy;
import io.eobatch.outbound.OutboundRefusedException;
import io.eobatch.testsupport.Misbehaving;
import io.eobatch.testsupport.TestData;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The STAC client under a catalog's {@link OutboundPolicy}: links, {@code next} links and redirects found in the
 * documents of a catalog on 127.0.0.1 that point elsewhere are not followed, and nothing is sent there.
 */
class StacOutboundTest {

    @RegisterExtension
    final Misbehaving.Server server = new Misbehaving.Server();

    private StacOptions options(URI root, OutboundLimits limits) {
        return StacOptions.of(Misbehaving.catalogPolicy(root, limits));
    }

    private static JsonObject item() {
        return TestData.readJson(TestData.dravaItemJson("S2B_33TWM_20230810_0_L2A"));
    }

    private static SearchRequest august() {
        return SearchRequest.builder().collections("sentinel-2-l2a")
                .datetime(LocalDate.of(2023, 8, 1), LocalDate.of(2023, 8, 31)).build();
    }

    @Test
    void aNextLinkToAForeignHostIsNotFollowed() {
        String landing = Json.createObjectBuilder().add("type", "Catalog").add("id", "api")
                .add("conformsTo", Json.createArrayBuilder().add("https://api.stacspec.org/v1.0.0/item-search"))
                .add("links", Json.createArrayBuilder().add(Json.createObjectBuilder().add("rel", "search")
                        .add("href", server.url("/search").toString()).add("method", "POST"))).build().toString();
        String page = Json.createObjectBuilder().add("type", "FeatureCollection")
                .add("features", Json.createArrayBuilder().add(item()))
                .add("links", Json.createArrayBuilder().add(Json.createObjectBuilder().add("rel", "next")
                        .add("href", server.otherHost("/foreign/search?page=2").toString()).add("method", "GET")))
                .build().toString();
        server.text("/api", 200, landing).text("/search", 200, page).text("/foreign", 200, page);
        StacCatalog api = StacCatalogs.open(server.url("/api"), options(server.url("/api"), OutboundLimits.DEFAULTS));
        Iterator<StacItem> it = api.search(august()).iterator();
        assertEquals("S2B_33TWM_20230810_0_L2A", it.next().id());
        StacException e = assertThrows(StacException.class, it::hasNext);
        assertInstanceOf(OutboundRefusedException.class, e.getCause());
        assertTrue(e.getMessage().contains("localhost:" + server.port() + " is not allowed for catalog t"), e.getMessage());
        assertEquals(0, server.requests("/foreign").size(), "the next link was followed");
    }

    @Test
    void childAndItemLinksToAForeignHostOrAFileAreNotFollowed() {
        for (String href : new String[] {server.otherHost("/foreign/catalog.json").toString(), "file:///etc/passwd",
                "http://169.254.169.254/latest/meta-data/"}) {
            String root = Json.createObjectBuilder().add("type", "Catalog").add("id", "root").add("stac_version", "1.0.0")
                    .add("description", "d").add("links", Json.createArrayBuilder().add(Json.createObjectBuilder()
                            .add("rel", href.startsWith("file") ? "item" : "child").add("href", href))).build().toString();
            String path = "/c" + Math.abs(href.hashCode()) + "/catalog.json";
            server.text(path, 200, root);
            StacCatalog c = StacCatalogs.open(server.url(path), options(server.url(path), OutboundLimits.DEFAULTS));
            StacException e = assertThrows(StacException.class, c::collections, href);
            assertInstanceOf(OutboundRefusedException.class, e.getCause(), href);
            assertTrue(e.getMessage().contains(href) && e.getMessage().contains("not fetched"), e.getMessage());
        }
        assertEquals(0, server.requests("/foreign").size());
    }

    @Test
    void aRedirectOfADocumentToAForeignHostIsNotFollowed() {
        server.redirect("/catalog.json", 302, server.otherHost("/foreign/catalog.json").toString());
        StacException e = assertThrows(StacException.class, () -> StacCatalogs.open(server.url("/catalog.json"),
                options(server.url("/catalog.json"), OutboundLimits.DEFAULTS)));
        assertInstanceOf(OutboundRefusedException.class, e.getCause());
        assertEquals(0, server.requests("/foreign").size());
    }

    @Test
    void aDocumentLargerThanTheLimitIsRefused() {
        server.endless("/huge.json", 200, 0);
        OutboundLimits small = new OutboundLimits(Duration.ofSeconds(10), 256 * 1024, 1 << 20, 5);
        StacException e = assertThrows(StacException.class, () -> StacCatalogs.open(server.url("/huge.json"),
                options(server.url("/huge.json"), small)));
        assertInstanceOf(BodyTooLargeException.class, OutboundException.in(e));
        assertTrue(e.getMessage().contains("larger than 262144 bytes (eobatch.http.max-document-bytes)"), e.getMessage());
    }

    @Test
    void aCatalogFileLargerThanTheLimitIsRefusedUnread(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("catalog.json");
        Files.writeString(file, "{\"type\":\"Catalog\",\"description\":\"" + "x".repeat(2000) + "\"}");
        OutboundLimits small = new OutboundLimits(Duration.ofSeconds(10), 1000, 1 << 20, 5);
        StacException e = assertThrows(StacException.class, () -> StacCatalogs.open(file.toUri(),
                options(file.toUri(), small)));
        assertInstanceOf(BodyTooLargeException.class, OutboundException.in(e));
        assertTrue(e.getMessage().contains("the file has " + Files.size(file) + " bytes, more than 1000 "
                + "(eobatch.http.max-document-bytes)"), e.getMessage());
    }

    @Test
    void aDocumentThatStallsFailsWithinTheTimeout() throws Exception {
        try (Misbehaving.Staller staller = new Misbehaving.Staller(
                "HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 5000\n", "{\"type\":".getBytes())) {
            OutboundLimits quick = OutboundLimits.DEFAULTS.withTimeout(Duration.ofMillis(800));
            long t0 = System.nanoTime();
            StacException e = assertThrows(StacException.class, () -> StacCatalogs.open(staller.url("/catalog.json"),
                    options(staller.url("/catalog.json"), quick)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 5000, "took " + ms + " ms");
            assertTrue(e.getMessage().contains("timed out") && e.getMessage().contains("headers and body"), e.getMessage());
            assertEquals(-1, e.httpStatus());
        }
    }
}
