package io.eobatch.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node sees another's data directory when it finds that node's mark with the start of its current process: the
 * same folder, not a mark left by an earlier process or another folder.
 */
class SharedDataDirTest {

    private static final Instant STARTED = Instant.parse("2026-12-03T20:00:00.123456Z");

    @Test
    void aNodeSeesTheDataDirectoryOfANodeThatMarkedIt(@TempDir Path shared) {
        SharedDataDir.mark(shared, "node-a", STARTED);
        assertTrue(SharedDataDir.sees(shared, "node-a", STARTED));
    }

    @Test
    void aDirectoryOfItsOwnIsNotTheOthers(@TempDir Path a, @TempDir Path b) {
        SharedDataDir.mark(a, "node-a", STARTED);
        assertFalse(SharedDataDir.sees(b, "node-a", STARTED), "no mark in b");
        assertFalse(SharedDataDir.sees(a, "node-b", STARTED), "another node's mark");
    }

    @Test
    void aMarkOfAnEarlierProcessIsNotEnough(@TempDir Path shared) {
        SharedDataDir.mark(shared, "node-a", STARTED);
        assertFalse(SharedDataDir.sees(shared, "node-a", STARTED.plusMillis(1)), "node-a restarted since");
        SharedDataDir.mark(shared, "node-a", STARTED.plusMillis(1));
        assertTrue(SharedDataDir.sees(shared, "node-a", STARTED.plusMillis(1)), "its new mark replaced the old");
    }

    @Test
    void anyNodeIdIsOneFileName(@TempDir Path shared) {
        String id = "node-7:8080/" + "x".repeat(250);
        SharedDataDir.mark(shared, id, STARTED);
        assertTrue(SharedDataDir.sees(shared, id, STARTED));
        assertTrue(SharedDataDir.file(shared, id).getParent().equals(shared.resolve(SharedDataDir.FOLDER)));
    }
}
