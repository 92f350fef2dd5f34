package io.eobatch.results;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eobatch.config.EobatchConfig;

/**
 * Where job outputs live as files: {@code <data dir>/results/<job instance id>/<relative path>}. Restarts of an
 * execution share its job instance, and so its results folder. Files are written atomically (a temporary file in
 * the same folder, then a rename), so a crash never leaves half a file under a result's name.
 */
@ApplicationScoped
public class ResultsStore {

    /** Relative result paths: segments of letters, digits, '.', '_' and '-', not starting with '.'. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}");

    @Inject
    EobatchConfig config;

    public ResultsStore() {
    }

    /** For tests and tools: a store rooted at {@code dataDir}. */
    public static ResultsStore at(Path dataDir) {
        ResultsStore s = new ResultsStore();
        s.fixedRoot = dataDir.resolve("results");
        return s;
    }

    private Path fixedRoot;

    public Path root() {
        return fixedRoot != null ? fixedRoot : config.dataDir().resolve("results");
    }

    /** The results folder of a job instance (not created). */
    public Path dir(long jobInstanceId) {
        return root().resolve(Long.toString(jobInstanceId));
    }

    /**
     * The file of a result, or empty when {@code relative} is not a plain relative path of allowed segments
     * ({@code ..}, absolute paths, backslashes, encoded separators, empty segments are refused) or when the file
     * is not a regular file inside the folder (a link pointing out of it is refused too).
     */
    public Optional<Path> find(long jobInstanceId, String relative) {
        if (!isSafeRelative(relative)) {
            return Optional.empty();
        }
        Path base = dir(jobInstanceId);
        Path file = base.resolve(relative).normalize();
        if (!file.startsWith(base) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            Path realBase = base.toRealPath();
            if (!file.toRealPath().startsWith(realBase)) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(file);
    }

    /** Whether {@code relative} is made only of allowed segments separated by '/'. */
    public static boolean isSafeRelative(String relative) {
        if (relative == null || relative.isEmpty() || relative.length() > 1000) {
            return false;
        }
        for (String segment : relative.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

    /** A writer of bytes into a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes a result atomically and returns its path. */
    public Path write(long jobInstanceId, String relative, Content content) throws IOException {
        if (!isSafeRelative(relative)) {
            throw new IllegalArgumentException("not a safe relative result path: " + relative);
        }
        Path target = dir(jobInstanceId).resolve(relative);
        writeAtomically(target, content);
        return target;
    }

    /** Writes {@code target} through a temporary file in its folder and a rename. */
    public static void writeAtomically(Path target, Content content) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
