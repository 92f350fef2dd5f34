package io.eobatch.results;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One output file of a job instance.
 *
 * @param path      relative to the results folder, '/'-separated (e.g. {@code charts/aoi-comparison.png})
 * @param mediaType see {@link ResultTypes#mediaType(String)}
 * @param role      see {@link ResultTypes#role(String)}
 * @param size      bytes
 * @param modified  last modification time
 * @param file      the file on disk
 */
public record ResultFile(String path, String mediaType, String role, long size, Instant modified, Path file) {

    /** The file name (last segment of the path). */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
