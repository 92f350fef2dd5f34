package io.eobatch.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

import io.eobatch.config.Limits;

/** A chunked JSON body (no Content-Length) is cut off with a 413 naming {@code body} once it passes the limit. */
class JsonBodyLimitTest {

    private static InputStream bounded(int size, long max) {
        return new JsonBodyLimit.Bounded(new ByteArrayInputStream(new byte[size]), max);
    }

    private static void assertTooLarge(ProblemException e, long max) {
        assertEquals(413, e.problem().status);
        assertEquals("body", e.problem().field);
        assertTrue(e.getMessage().contains(max + " bytes") && e.getMessage().contains(Limits.JSON_BODY_BYTES),
                e.getMessage());
    }

    @Test
    void aBodyOfTheLimitIsReadWhole() throws IOException {
        try (InputStream in = bounded(10, 10)) {
            assertArrayEquals(new byte[10], in.readAllBytes());
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhileItIsRead() {
        assertTooLarge(assertThrows(ProblemException.class, () -> bounded(11, 10).readAllBytes()), 10);
    }

    @Test
    void byteByByteToo() throws IOException {
        InputStream in = bounded(3, 2);
        in.read();
        in.read();
        assertTooLarge(assertThrows(ProblemException.class, in::read), 2);
    }
}
