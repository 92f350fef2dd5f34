package io.eobatch.results;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk reserve against the real file system of a temporary folder. */
class DiskReserveTest {

    @Test
    void aReserveAboveTheFreeSpaceIsAShortageNamingBoth(@TempDir Path dir) {
        var low = DiskReserve.shortage(dir.resolve("not/yet/made"), Long.MAX_VALUE);
        assertTrue(low.isPresent() && low.get().contains("below the reserve"), String.valueOf(low));
        assertTrue(DiskReserve.shortage(dir, 1).isEmpty(), "a byte is free");
        assertTrue(DiskReserve.shortage(dir, 0).isEmpty(), "0: no check");
    }
}
