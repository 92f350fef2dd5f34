package io.eobatch.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resource.classpath.ClassPathResource;

/**
 * Applies the schema migrations in {@code db/migration} with Flyway.
 *
 * <p>Flyway's class-path scanner does not see into WildFly's VFS deployments without extra modules, so the
 * migrations are listed in {@code db/migration/index.txt} (one file name a line; a unit test checks that it
 * names every file of the folder) and handed to Flyway through a {@link ResourceProvider}.
 */
public final class DatabaseMigrations {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrations.class.getName());
    static final String FOLDER = "db/migration";

    private DatabaseMigrations() {
    }

    /** Migrates the schema of {@code dataSource} to the newest version; returns the number of migrations applied. */
    public static int migrate(DataSource dataSource) {
        ClassLoader loader = DatabaseMigrations.class.getClassLoader();
        Flyway flyway = Flyway.configure(loader)
                .dataSource(dataSource)
                .table("eobatch_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .resourceProvider(new ListedResources(loader))
                .load();
        int applied = flyway.migrate().migrationsExecuted;
        LOG.info(() -> "database schema migrated: " + applied + " migration(s) applied");
        return applied;
    }

    /** The file names listed in {@code db/migration/index.txt}. */
    static List<String> listed(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(FOLDER + "/index.txt")) {
            if (in == null) {
                throw new IllegalStateException(FOLDER + "/index.txt is missing from the class path");
            }
            List<String> names = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class ListedResources implements ResourceProvider {
        private final ClassLoader loader;
        private final Location location = new Location("classpath:" + FOLDER);

        ListedResources(ClassLoader loader) {
            this.loader = loader;
        }

        @Override
        public LoadableResource getResource(String name) {
            return listed(loader).contains(name) ? resource(name) : null;
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            List<LoadableResource> found = new ArrayList<>();
            for (String name : listed(loader)) {
                if (name.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(name::endsWith)) {
                    found.add(resource(name));
                }
            }
            return found;
        }

        private LoadableResource resource(String name) {
            return new ClassPathResource(location, FOLDER + "/" + name, loader, StandardCharsets.UTF_8);
        }
    }
}
