package io.eobatch.raster.io;

import io.eobatch.raster.image.PngWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    static List<Path> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }

    @Test
    void replacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
        Path png = dir.resolve("a/b/img.png");
        PngWriter.write(new BufferedImage(3, 2, BufferedImage.TYPE_INT_ARGB), png);
        PngWriter.write(new BufferedImage(5, 4, BufferedImage.TYPE_INT_ARGB), png);
        assertEquals(5, ImageIO.read(png.toFile()).getWidth());
        assertEquals(List.of(png), list(png.getParent()));
        if (Files.getFileStore(png).supportsFileAttributeView("posix")) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(png);
            assertTrue(perms.contains(PosixFilePermission.OWNER_READ) && perms.contains(PosixFilePermission.OWNER_WRITE));
        }
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndRemovesTheTemporaryOne() throws IOException {
        Path target = dir.resolve("keep.txt");
        Files.writeString(target, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("encoder failed");
        }));
        assertEquals("encoder failed", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), list(dir));
    }
}
