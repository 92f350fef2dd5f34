package io.eobatch.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The results archive: every file with its bytes, and a STAC catalog whose every href is relative and resolves to an
 * entry of the archive (checked here without unpacking: each href resolved against its document's folder).
 */
class ResultsArchiveTest {

    @Test
    void everyFileAndARelativeCatalogWhoseLinksResolveInside(@TempDir Path dir) throws Exception {
        ResultsStore store = ResultsStore.at(dir);
        store.write(3, "statistics.csv", out -> out.write("aoi_id,mean\ndrava-a,0.5\n".getBytes(StandardCharsets.UTF_8)));
        store.write(3, "charts/timeseries-drava-a.png", out -> out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
        store.write(3, "composite.zarr/ndvi/.zarray", out -> out.write("{}".getBytes(StandardCharsets.UTF_8)));
        List<ResultFile> files = store.list(3);
        assertEquals(3, files.size(), "Zarr metadata is a result too: " + files);
        ResultsStac stac = ResultsStacTest.statistics();
        // the catalog over the real files (statistics() names files that do not exist here)
        stac = new ResultsStac(URI.create("http://h/api/"), new ResultsStac.Execution(5, 5, List.of(5L), 3,
                "aoi-statistics", "COMPLETED", new TreeMap<>(Map.of("from", "2023-08-01", "to", "2023-08-31"))),
                List.of(new ResultsStac.AoiInfo("drava-a", "A", null)),
                List.of(new ResultsStac.SourceItem("drava-a", java.time.Instant.parse("2023-08-10T10:00:00Z"), "DONE",
                        List.of("s1"))), Map.of(), files);

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ResultsArchive.write(zip, files, stac);
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        for (ResultFile f : files) {
            assertArrayEquals(Files.readAllBytes(f.file()), entries.get(f.path()), f.path());
        }
        assertTrue(entries.containsKey("stac/collection.json"), entries.keySet().toString());
        assertTrue(entries.containsKey("stac/items/drava-a.json"), entries.keySet().toString());
        List<String> checked = new ArrayList<>();
        for (String doc : List.of("stac/collection.json", "stac/items/drava-a.json")) {
            JsonObject o = Json.createReader(new StringReader(new String(entries.get(doc), StandardCharsets.UTF_8)))
                    .readObject();
            List<String> hrefs = new ArrayList<>();
            o.getJsonArray("links").forEach(l -> hrefs.add(l.asJsonObject().getString("href")));
            o.getJsonObject("assets").values().forEach(a -> hrefs.add(a.asJsonObject().getString("href")));
            assertFalse(o.getJsonArray("links").toString().contains("\"self\""), "no self link in " + doc);
            for (String href : hrefs) {
                assertFalse(URI.create(href).isAbsolute(), doc + ": " + href);
                String target = URI.create("zip:/" + doc).resolve(href).getPath().substring(1);
                assertTrue(entries.containsKey(target), doc + ": " + href + " -> " + target);
                checked.add(target);
            }
        }
        assertTrue(checked.contains("charts/timeseries-drava-a.png"), "the item's asset: " + checked);
        assertTrue(checked.contains("statistics.csv"), "the Collection's asset: " + checked);
    }
}
