package io.eobatch.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class DatabaseMigrationsTest {

    /** Flyway only sees what index.txt lists (WildFly's VFS hides the folder from its scanner). */
    @Test
    void indexListsEveryMigrationInOrder() throws Exception {
        List<String> files;
        try (Stream<Path> s = Files.list(Path.of("src/main/resources", DatabaseMigrations.FOLDER))) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted(
                    (a, b) -> Integer.compare(version(a), version(b))).toList();
        }
        assertEquals(files, DatabaseMigrations.listed(getClass().getClassLoader()));
    }

    private static int version(String name) {
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }
}
