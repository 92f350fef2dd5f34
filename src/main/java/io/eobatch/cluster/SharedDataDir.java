package io.eobatch.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eobatch.config.EobatchConfig;

/**
 * Whether this node sees another node's data directory ({@code EOBATCH_DATA_DIR}): the condition for joining a step
 * that writes files a later step of the main execution reads ({@link io.eobatch.batch.JobDefinition.SharedStep}:
 * aoi-timelapse's frames, tiled-composite's tiles). A node that wrote its frames into a data directory of its own
 * would leave the main node's make-gifs or make-mosaic without them.
 *
 * <p>How: when a node registers, it writes {@code <data dir>/cluster/<hash of its id>.started} holding the start of its
 * process as the database recorded it ({@code cluster_node.started_at}). Another node sees that node's data directory
 * when it finds the file in its own data directory with the same start: the same folder (a shared file system), and
 * not a file left by an earlier process or configuration. Static helpers so that the rule is tested without a server
 * ({@code SharedDataDirTest}).
 */
@ApplicationScoped
public class SharedDataDir {

    /** The folder of the data directory that holds the nodes' marks. */
    static final String FOLDER = "cluster";

    @Inject
    EobatchConfig config;

    /** Writes this node's mark (see the class), replacing an earlier one atomically. */
    public void mark(String node, Instant started) {
        mark(config.dataDir(), node, started);
    }

    /** Whether this node sees the data directory of {@code node}, whose current process started at {@code started}. */
    public boolean sees(String node, Instant started) {
        return sees(config.dataDir(), node, started);
    }

    static void mark(Path dataDir, String node, Instant started) {
        Path file = file(dataDir, node);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".mark-", ".tmp");
            Files.writeString(tmp, started.toString(), StandardCharsets.UTF_8);
            try { // a temporary file is the owner's alone: the other nodes may run as other users of the share
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                // the file system's own rules apply
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the node's mark " + file, e);
        }
    }

    static boolean sees(Path dataDir, String node, Instant started) {
        try {
            return started.toString().equals(Files.readString(file(dataDir, node), StandardCharsets.UTF_8).strip());
        } catch (IOException absent) {
            return false;
        }
    }

    /**
     * The mark's file: named by the SHA-256 of the node id (an id may hold ':' or '/' and be 256 characters long), so
     * that any id is one short, safe file name.
     */
    static Path file(Path dataDir, String node) {
        try {
            byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(node.getBytes(StandardCharsets.UTF_8));
            return dataDir.resolve(FOLDER).resolve(HexFormat.of().formatHex(sha, 0, 16) + ".started");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
