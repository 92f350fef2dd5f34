package io.eobatch.results;

import io.eobatch.raster.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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

    /**
     * Relative result paths: segments of letters, digits, '.', '_' and '-', not starting with '.' (so temporary files
     * are never results), except Zarr's metadata files ({@link ResultTypes#ZARR_METADATA}).
     */
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

    /**
     * Every result file of a job instance, sorted by path: regular files inside the folder whose relative path is
     * safe (so temporary files of writes in progress, named {@code .name...tmp}, are left out), never following
     * links (a symbolic link is not listed, whatever it points to). Empty when the folder does not exist.
     */
    public List<ResultFile> list(long jobInstanceId) {
        Path base = dir(jobInstanceId);
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<ResultFile> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(base)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException gone) {
                    continue; // replaced or removed while we walk
                }
                if (!a.isRegularFile()) {
                    continue;
                }
                String rel = relative(base, p);
                if (isSafeRelative(rel)) {
                    out.add(new ResultFile(rel, ResultTypes.mediaType(rel), ResultTypes.role(rel), a.size(),
                            a.lastModifiedTime().toInstant(), p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the results in " + base, e);
        } catch (UncheckedIOException e) {
            // the folder changed under Files.walk (a folder removed): list what could be listed
        }
        out.sort(Comparator.comparing(ResultFile::path));
        return out;
    }

    /** The result file {@code relative} of a job instance with its facts, as {@link #list} gives them. */
    public Optional<ResultFile> file(long jobInstanceId, String relative) {
        return find(jobInstanceId, relative).flatMap(p -> {
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                return Optional.of(new ResultFile(relative, ResultTypes.mediaType(relative),
                        ResultTypes.role(relative), a.size(), a.lastModifiedTime().toInstant(), p));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    private record Digest(long size, long modified, String sha256) {
    }

    /** SHA-256 of a file's content, remembered per (file, size, modification time): computed once per version. */
    private final Map<Path, Digest> digests = new ConcurrentHashMap<>();

    /** The SHA-256 of a result file's content, lower-case hex. */
    public String sha256(ResultFile f) throws IOException {
        long modified = f.modified().toEpochMilli();
        Digest d = digests.get(f.file());
        if (d != null && d.size() == f.size() && d.modified() == modified) {
            return d.sha256();
        }
        String hex = sha256(f.file());
        digests.put(f.file(), new Digest(f.size(), modified, hex));
        return hex;
    }

    /** The SHA-256 of a file's content, lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String relative(Path base, Path p) {
        StringBuilder b = new StringBuilder();
        for (Path seg : base.relativize(p)) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(seg);
        }
        return b.toString();
    }

    /** Whether {@code relative} is made only of allowed segments separated by '/'. */
    public static boolean isSafeRelative(String relative) {
        if (relative == null || relative.isEmpty() || relative.length() > 1000) {
            return false;
        }
        for (String segment : relative.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() && !ResultTypes.ZARR_METADATA.contains(segment)) {
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
        AtomicFiles.write(target, content::writeTo);
    }

    /** What a deletion removed: files (temporary ones included) and their bytes. */
    public record Removed(long files, long bytes) {
    }

    /**
     * Removes the results folder of a job instance with everything in it (never following a link out of it: a link
     * is removed, not its target). Nothing to remove is not an error.
     */
    public Removed deleteAll(long jobInstanceId) throws IOException {
        Path base = dir(jobInstanceId);
        if (!Files.exists(base, LinkOption.NOFOLLOW_LINKS)) {
            return new Removed(0, 0);
        }
        long[] counts = new long[2];
        Files.walkFileTree(base, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                counts[0]++;
                counts[1] += attrs.isRegularFile() ? attrs.size() : 0;
                Files.delete(file);
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        return new Removed(counts[0], counts[1]);
    }
}
