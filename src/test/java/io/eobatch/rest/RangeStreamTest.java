package io.eobatch.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A range of an open file: exactly its bytes, however the caller reads, and the channel closed with the stream. */
class RangeStreamTest {

    @Test
    void readsExactlyTheRangeAndClosesTheFile(@TempDir Path dir) throws Exception {
        byte[] content = new byte[200_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + 7);
        }
        Path file = Files.write(dir.resolve("f.bin"), content);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try (InputStream in = new RangeStream(ch, 1000, 150_000)) {
            assertEquals(content[1000] & 0xff, in.read(), "one byte");
            byte[] rest = in.readAllBytes(); // reads of up to 64 KiB at a time
            assertArrayEquals(Arrays.copyOfRange(content, 1001, 151_000), rest);
            assertEquals(-1, in.read());
        }
        assertFalse(ch.isOpen());
        try (InputStream in = new RangeStream(FileChannel.open(file, StandardOpenOption.READ), 199_990, 100)) {
            assertArrayEquals(Arrays.copyOfRange(content, 199_990, 200_000), in.readAllBytes(),
                    "a file shorter than the range (truncated in place): what is there");
        }
    }
}
