package io.eobatch.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The Range rule of result downloads (RFC 9110), one line per case: header and file size in, answer out. */
class ByteRangeTest {

    /** The answer as "200", "206 first-last" or "416". */
    private static String answer(String header, long size) {
        ByteRange r = ByteRange.of(header, size);
        return switch (r.kind()) {
            case WHOLE -> "200";
            case PARTIAL -> "206 " + r.first() + "-" + r.last();
            case UNSATISFIABLE -> "416";
        };
    }

    @Test
    void oneRangeIsPartial() {
        assertEquals("206 0-99", answer("bytes=0-99", 1000));
        assertEquals("206 100-100", answer("bytes=100-100", 1000));
        assertEquals("206 500-999", answer("bytes=500-", 1000));
        assertEquals("206 900-999", answer("bytes=-100", 1000));
        assertEquals("206 0-999", answer("bytes=0-", 1000));
        assertEquals("206 0-0", answer("bytes=0-0", 1));
    }

    @Test
    void theEndIsClippedToTheLastByte() {
        assertEquals("206 900-999", answer("bytes=900-5000", 1000));
        assertEquals("206 0-999", answer("bytes=-5000", 1000));
        assertEquals("206 0-999", answer("bytes=0-99999999999999999999999", 1000));
    }

    @Test
    void spacesAndCaseAreTolerated() {
        assertEquals("206 0-99", answer(" bytes = 0 - 99 ", 1000));
        assertEquals("206 0-99", answer("BYTES=0-99", 1000));
    }

    @Test
    void aRangeFromTheEndOnIsUnsatisfiable() {
        assertEquals("416", answer("bytes=1000-", 1000));
        assertEquals("416", answer("bytes=1000-2000", 1000));
        assertEquals("416", answer("bytes=99999999999999999999999-", 1000));
        assertEquals("416", answer("bytes=-0", 1000));
        assertEquals("416", answer("bytes=0-", 0));
        assertEquals("416", answer("bytes=-10", 0));
    }

    @Test
    void whatDoesNotParseIsIgnored() {
        assertEquals("200", answer(null, 1000));
        assertEquals("200", answer("", 1000));
        assertEquals("200", answer("bytes", 1000));
        assertEquals("200", answer("bytes=", 1000));
        assertEquals("200", answer("bytes=-", 1000));
        assertEquals("200", answer("bytes=abc-def", 1000));
        assertEquals("200", answer("bytes=5-3", 1000));
        assertEquals("200", answer("bytes=-5-3", 1000));
        assertEquals("200", answer("bytes=+5-10", 1000));
        assertEquals("200", answer("bytes=0x10-20", 1000));
        assertEquals("200", answer("items=0-99", 1000));
        assertEquals("200", answer("0-99", 1000));
        assertEquals("200", answer("bytes=\u0661-\u0662", 1000)); // Arabic-Indic digits are not ASCII digits
    }

    @Test
    void severalRangesFallBackToTheWholeFile() {
        assertEquals("200", answer("bytes=0-99,200-299", 1000));
        assertEquals("200", answer("bytes=0-99, -100", 1000));
        assertEquals("200", answer("bytes=0-99,", 1000));
    }

    @Test
    void contentRangeHeaders() {
        assertEquals("bytes 0-99/1000", ByteRange.of("bytes=0-99", 1000).contentRange(1000));
        assertEquals("bytes */1000", ByteRange.of("bytes=2000-", 1000).contentRange(1000));
        assertNull(ByteRange.of(null, 1000).contentRange(1000));
        assertEquals(100, ByteRange.of("bytes=0-99", 1000).length());
        assertEquals(1000, ByteRange.of(null, 1000).length());
        assertEquals(0, ByteRange.of("bytes=2000-", 1000).length());
    }

    @Test
    void ifRangeMatchesTheStrongEtagOrTheExactDate() {
        Instant modified = Instant.parse("2024-05-01T10:15:20.822Z");
        assertTrue(ByteRange.ifRangeHolds(null, "abc", modified));
        assertTrue(ByteRange.ifRangeHolds("\"abc\"", "abc", modified));
        assertFalse(ByteRange.ifRangeHolds("\"abd\"", "abc", modified));
        assertFalse(ByteRange.ifRangeHolds("W/\"abc\"", "abc", modified));
        assertFalse(ByteRange.ifRangeHolds("\"abc\"", null, modified));
        assertTrue(ByteRange.ifRangeHolds("Wed, 01 May 2024 10:15:20 GMT", "abc", modified));
        assertFalse(ByteRange.ifRangeHolds("Wed, 01 May 2024 10:15:21 GMT", "abc", modified));
        assertFalse(ByteRange.ifRangeHolds("yesterday", "abc", modified));
        assertFalse(ByteRange.ifRangeHolds("", "abc", modified));
    }
}
