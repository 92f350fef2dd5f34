package io.eobatch.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsStoreTest {

    @TempDir
    Path data;

    @TempDir
    Path outside;

    @Test
    void listsRegularFilesOnlyWithTypesRolesAndSizes() throws Exception {
        ResultsStore store = ResultsStore.at(data);
        store.write(1, "statistics.csv", out -> out.write("a,b\r\n".getBytes(StandardCharsets.UTF_8)));
        store.write(1, "charts/aoi-comparison.png", out -> out.write(new byte[] {1, 2, 3}));
        store.write(1, "tiles/T33TWL_0_0.tif", out -> out.write(new byte[10]));
        Path dir = store.dir(1);
        Files.writeString(dir.resolve(".statistics.csv123.tmp"), "half a file");
        Path secret = Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(dir.resolve("link.csv"), secret);
        Files.createSymbolicLink(dir.resolve("linkdir"), outside);

        List<ResultFile> files = store.list(1);
        assertEquals(List.of("charts/aoi-comparison.png", "statistics.csv", "tiles/T33TWL_0_0.tif"),
                files.stream().map(ResultFile::path).toList(), "no temporary file, no link");
        ResultFile csv = files.get(1);
        assertEquals("text/csv", csv.mediaType());
        assertEquals("data", csv.role());
        assertEquals(5, csv.size());
        assertEquals("chart", files.get(0).role());
        assertEquals(ResultTypes.COG, files.get(2).mediaType());
        assertEquals("fbf6b30113a4b6418c623a96ed6844f17ef5751b908a16abaa919d0bcd6b7784", store.sha256(csv),
                "printf 'a,b\\r\\n' | sha256sum");
        assertEquals(List.of(), store.list(2), "no folder, no files");
    }

    @Test
    void findRefusesPathTricksAndLinksOut() throws Exception {
        ResultsStore store = ResultsStore.at(data);
        store.write(1, "statistics.csv", out -> out.write(1));
        Path secret = Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(store.dir(1).resolve("link.csv"), secret);
        Files.createSymbolicLink(store.dir(1).resolve("linkdir"), outside);
        assertTrue(store.find(1, "statistics.csv").isPresent());
        for (String bad : new String[] {"../1/statistics.csv", "charts/../statistics.csv", "/etc/passwd",
                "charts%2Fx.png", "a\\b", "", "a//b", ".hidden", "link.csv", "linkdir/secret.txt", "nope.csv"}) {
            assertTrue(store.find(1, bad).isEmpty(), bad);
        }
    }

    @Test
    void typesAndRolesByPath() {
        assertEquals("application/json", ResultTypes.mediaType("summary.json"));
        assertEquals("image/gif", ResultTypes.mediaType("a/timelapse.GIF"));
        assertEquals("overview", ResultTypes.role("a/timelapse.gif"));
        assertEquals("overview", ResultTypes.role("a/2023-07/ndvi.png"));
        assertEquals("thumbnail", ResultTypes.role("a/thumbnail.png"));
        assertEquals("metadata", ResultTypes.role("aois.geojson"));
        assertEquals("application/octet-stream", ResultTypes.mediaType("README"));
    }
}
