package io.eobatch.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.json.JsonObject;

/**
 * The results of a job instance as one ZIP archive, written straight to a stream (the HTTP response): every result
 * file under its own path, then the STAC catalog in the archive's layout ({@link ResultsStac#relative()}):
 * {@value ResultsStac#ARCHIVE_COLLECTION} and {@code stac/items/<item>.json}, whose relative links and asset hrefs
 * resolve inside the unpacked archive. Nothing is built in memory or on disk first: each file is copied through a
 * 64 KiB buffer as it is deflated (ZIP data descriptors carry the sizes and CRC after each entry, so nothing is read
 * twice). Already-compressed files (COG, PNG, GIF, ZIP) are deflated at the fastest level: little to gain, CPU to
 * save; STORED would need their CRC before their bytes, so a second read.
 *
 * <p>A file removed between the listing and its turn (a job rewrote it under a new name) is left out; a file being
 * replaced is read as it was when opened (a rename over it does not change an open file).
 */
public final class ResultsArchive {

    private static final Set<String> COMPRESSED = Set.of("tif", "tiff", "png", "gif", "zip", "gz", "jpg", "jpeg");

    private ResultsArchive() {
    }

    /** Writes {@code files} and the catalog of {@code stac} (made {@link ResultsStac#relative()}) to {@code out}. */
    public static void write(OutputStream out, List<ResultFile> files, ResultsStac stac) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        byte[] buf = new byte[64 * 1024];
        for (ResultFile f : files) {
            InputStream in;
            try {
                in = Files.newInputStream(f.file());
            } catch (NoSuchFileException gone) {
                continue;
            }
            try (in) {
                zip.setLevel(COMPRESSED.contains(ResultTypes.extension(f.path())) ? Deflater.BEST_SPEED
                        : Deflater.DEFAULT_COMPRESSION);
                ZipEntry e = new ZipEntry(f.path());
                e.setLastModifiedTime(java.nio.file.attribute.FileTime.from(f.modified()));
                zip.putNextEntry(e);
                for (int n; (n = in.read(buf)) > 0; ) {
                    zip.write(buf, 0, n);
                }
                zip.closeEntry();
            }
        }
        zip.setLevel(Deflater.DEFAULT_COMPRESSION);
        stac.relative();
        json(zip, ResultsStac.ARCHIVE_COLLECTION, stac.collection());
        for (JsonObject item : stac.items()) {
            json(zip, "stac/" + ResultsStac.ARCHIVE_ITEMS + "/" + ResultsStac.archiveItemName(item.getString("id")),
                    item);
        }
        zip.finish();
        zip.flush();
    }

    private static void json(ZipOutputStream zip, String path, JsonObject doc) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        zip.write(doc.toString().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
