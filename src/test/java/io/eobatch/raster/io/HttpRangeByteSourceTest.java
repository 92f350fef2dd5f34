package io.eobatch.raster.io;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpRangeByteSourceTest {

    private RangeHttpServer server;
    private byte[] content;
    private URI url;

    @BeforeEach
    void start() throws IOException {
        server = new RangeHttpServer();
        content = new byte[1_000_000];
        new Random(42).nextBytes(content);
        url = server.serve("/data/file.bin", content);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private byte[] slice(long off, int len) {
        return Arrays.copyOfRange(content, (int) off, (int) off + len);
    }

    @Test
    void readsARangeWithOneRequestAndCountsIt() throws IOException {
        HttpRangeByteSource s = HttpRangeByteSource.of(url);
        assertArrayEquals(slice(12345, 1000), s.read(12345, 1000));
        assertEquals(1, s.requestCount());
        assertEquals(1000, s.bytesReceived());
        assertEquals(1, server.requests());
        assertEquals(1_000_000, s.length(), "length learnt from Content-Range, no extra request");
        assertEquals(1, server.requests());
    }

    @Test
    void prefixOfAShortFileIsWhatExists() throws IOException {
        URI small = server.serve("/small.bin", slice(0, 5000));
        HttpRangeByteSource s = HttpRangeByteSource.of(small);
        assertArrayEquals(slice(0, 5000), s.readPrefix(16384));
        assertEquals(5000, s.length());
        assertEquals(1, server.requests());
    }

    @Test
    void nearbyRangesAreMergedIntoOneRequest() throws IOException {
        HttpRangeByteSource s = HttpRangeByteSource.of(url);
        List<ByteRange> ranges = List.of(new ByteRange(300_000, 100_000), new ByteRange(100_000, 100_000),
                new ByteRange(200_000, 100_000), new ByteRange(402_000, 50_000));
        List<byte[]> got = s.readRanges(ranges);
        for (int i = 0; i < ranges.size(); i++) {
            assertArrayEquals(slice(ranges.get(i).offset(), ranges.get(i).length()), got.get(i), "range " + i);
        }
        assertEquals(1, server.requests());
        assertEquals(352_000, s.bytesReceived(), "2000 gap bytes bridged over 350000 useful");
    }

    @Test
    void farRangesRunConcurrentlyButBounded() throws IOException {
        HttpRangeByteSource s = HttpRangeByteSource.builder(url).maxConcurrent(2).build();
        List<ByteRange> ranges = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ranges.add(new ByteRange(i * 120_000L, 10_000));
        }
        List<byte[]> got = s.readRanges(ranges);
        for (int i = 0; i < ranges.size(); i++) {
            assertArrayEquals(slice(ranges.get(i).offset(), 10_000), got.get(i), "range " + i);
        }
        assertEquals(8, server.requests());
        assertEquals(80_000, s.bytesReceived());
        assertTrue(server.maxInFlight() <= 2, "at most 2 in flight, saw " + server.maxInFlight());
    }

    @Test
    void gapSettingIsHonoured() throws IOException {
        HttpRangeByteSource s = HttpRangeByteSource.builder(url).maxGap(0).build();
        s.readRanges(List.of(new ByteRange(0, 100_000), new ByteRange(100_001, 100_000)));
        assertEquals(2, server.requests());
    }

    @Test
    void serverIgnoringRangeIsDownloadedOnceAndKept() throws IOException {
        server.ignoreRange(true);
        HttpRangeByteSource s = HttpRangeByteSource.of(url);
        assertArrayEquals(slice(500, 100), s.read(500, 100));
        assertTrue(s.holdsWholeFile());
        assertArrayEquals(slice(900_000, 1000), s.read(900_000, 1000));
        List<byte[]> got = s.readRanges(List.of(new ByteRange(0, 10), new ByteRange(700_000, 10)));
        assertArrayEquals(slice(700_000, 10), got.get(1));
        assertEquals(1, server.requests(), "one download");
        assertEquals(1_000_000, s.bytesReceived());
        assertEquals(1_000_000, s.length());
    }

    @Test
    void concurrentRequestsToAServerIgnoringRangeDownloadTheFileOnlyOnce() throws IOException {
        server.ignoreRange(true);
        HttpRangeByteSource s = HttpRangeByteSource.builder(url).maxConcurrent(4).build();
        List<ByteRange> ranges = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ranges.add(new ByteRange(i * 200_000L, 1000));
        }
        List<byte[]> got = s.readRanges(ranges);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(slice(i * 200_000L, 1000), got.get(i));
        }
        // losers of the race drop their connection: only one body is read in full
        assertEquals(1_000_000, s.bytesReceived());
        assertTrue(s.holdsWholeFile());
    }

    @Test
    void notFoundNamesTheUrlAndStatus() {
        URI missing = server.uri("/nothing/here.tif");
        IOException e = assertThrows(IOException.class, () -> HttpRangeByteSource.of(missing).read(0, 10));
        assertTrue(e.getMessage().contains("404") && e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void serverErrorNamesTheUrlAndStatus() {
        URI broken = server.fail("/broken.tif", 500);
        IOException e = assertThrows(IOException.class, () -> HttpRangeByteSource.of(broken).readRanges(
                List.of(new ByteRange(0, 10), new ByteRange(500_000, 10))));
        assertTrue(e.getMessage().contains("500") && e.getMessage().contains(broken.toString()), e.getMessage());
    }

    @Test
    void refusedConnectionNamesTheUrl() throws IOException {
        RangeHttpServer gone = new RangeHttpServer();
        URI dead = gone.uri("/file.tif");
        gone.close();
        IOException e = assertThrows(IOException.class, () -> HttpRangeByteSource.of(dead).read(0, 10));
        assertTrue(e.getMessage().contains(dead.toString()), e.getMessage());
    }

    @Test
    void readingPastTheEndIsAnEofNamingTheUrl() {
        HttpRangeByteSource s = HttpRangeByteSource.of(url);
        EOFException beyond = assertThrows(EOFException.class, () -> s.read(2_000_000, 10));
        assertTrue(beyond.getMessage().contains(url.toString()), beyond.getMessage());
        EOFException straddling = assertThrows(EOFException.class, () -> s.read(999_990, 20));
        assertTrue(straddling.getMessage().contains(url.toString()), straddling.getMessage());
    }

    @Test
    void byteSourcesPicksTheImplementationByScheme() throws IOException {
        try (ByteSource h = ByteSources.open(url)) {
            assertTrue(h instanceof HttpRangeByteSource);
        }
        java.nio.file.Path tmp = java.nio.file.Files.createTempFile("bs", ".bin");
        try {
            java.nio.file.Files.write(tmp, slice(0, 100));
            try (ByteSource f = ByteSources.open(tmp.toUri())) {
                assertTrue(f instanceof FileByteSource);
                assertArrayEquals(slice(10, 20), f.read(10, 20));
                assertThrows(EOFException.class, () -> f.read(90, 20));
            }
        } finally {
            java.nio.file.Files.delete(tmp);
        }
        assertThrows(IOException.class, () -> ByteSources.open(URI.create("ftp://127.0.0.1/x.tif")));
    }
}
