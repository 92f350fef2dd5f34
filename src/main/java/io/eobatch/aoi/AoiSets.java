package io.eobatch.aoi;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * AOI sets: named groups of stored AOIs, so that a job over thousands of AOIs names one set instead of every id (a
 * job's parameters must fit JBeret's job repository). An AOI may be in several sets; deleting it removes it from
 * them (the database cascades). Set names follow the rules of AOI ids ({@link Aoi#isValidId}).
 */
@ApplicationScoped
public class AoiSets {

    private static final Logger LOG = Logger.getLogger(AoiSets.class.getName());
    /** Member ids per insert batch and per {@code in (...)} list. */
    private static final int BATCH = 1000;

    @PersistenceContext(unitName = "eobatch")
    EntityManager em;

    @Inject
    AoiRepository aois;

    /**
     * A set: its name, how many AOIs it holds and their bounding box (EPSG:4326 degrees, min lon, min lat, max lon,
     * max lat; null when empty).
     */
    public record AoiSet(String name, long aois, double[] bbox, Instant created) {
    }

    /**
     * Stores {@code uploaded} and adds them to the set {@code name} (made when new), all or nothing.
     *
     * @throws AoiConflictException when an id is already stored (nothing is then stored)
     */
    @Transactional
    public List<Aoi> storeInto(String name, List<Aoi> uploaded) {
        List<Aoi> stored = aois.saveAll(uploaded);
        add(name, stored.stream().map(Aoi::id).toList());
        return stored;
    }

    /** Adds stored AOIs to the set {@code name} (made when new); ids already in it are left as they are. */
    @Transactional
    public void add(String name, Collection<String> ids) {
        if (find(name).isEmpty()) {
            em.createNativeQuery("insert into aoi_set (name, created_at) values (?1, ?2)").setParameter(1, name)
                    .setParameter(2, Timestamp.from(Instant.now())).executeUpdate();
        }
        List<String> list = new ArrayList<>(new LinkedHashSet<>(ids));
        List<String> present = new ArrayList<>();
        for (int i = 0; i < list.size(); i += BATCH) {
            present.addAll(em.createNativeQuery("select aoi_id from aoi_set_member where set_name = ?1 and aoi_id in "
                    + "(?2)", String.class).setParameter(1, name)
                    .setParameter(2, list.subList(i, Math.min(list.size(), i + BATCH))).getResultList());
        }
        list.removeAll(new LinkedHashSet<>(present));
        for (String id : list) {
            em.createNativeQuery("insert into aoi_set_member (set_name, aoi_id) values (?1, ?2)").setParameter(1, name)
                    .setParameter(2, id).executeUpdate();
        }
        LOG.info(() -> "AOI set " + name + ": " + list.size() + " AOI(s) added");
    }

    /**
     * The AOIs of a job's parameters: the ids of {@code aois} (comma separated) and the members of the sets
     * {@code aoiSets} (comma separated), each once, ordered by id; both blank: every stored AOI.
     *
     * @throws UnknownAoiException naming ids that are not stored
     */
    public List<Aoi> select(String ids, String aoiSets) {
        boolean noIds = ids == null || ids.isBlank();
        boolean noSets = aoiSets == null || aoiSets.isBlank();
        if (noIds && noSets) {
            return aois.findAll();
        }
        java.util.Set<String> wanted = new java.util.TreeSet<>();
        if (!noIds) {
            wanted.addAll(java.util.Arrays.asList(ids.split(",")));
        }
        if (!noSets) {
            wanted.addAll(memberIds(java.util.Arrays.asList(aoiSets.split(","))));
        }
        return aois.find(wanted);
    }

    /** Every set, by name. */
    public List<AoiSet> list() {
        return sets(null);
    }

    /** The set {@code name}, if there is one. */
    public Optional<AoiSet> find(String name) {
        if (!Aoi.isValidId(name)) {
            return Optional.empty();
        }
        return sets(name).stream().findFirst();
    }

    /** The ids of the AOIs in the sets {@code names}, each once, ordered by id. */
    public List<String> memberIds(Collection<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        return em.createNativeQuery("select distinct aoi_id from aoi_set_member where set_name in (?1) order by aoi_id",
                String.class).setParameter(1, List.copyOf(names)).getResultList();
    }

    /** The ids of a set's AOIs from {@code offset}, at most {@code limit}, ordered by id. */
    public List<String> memberIds(String name, int offset, int limit) {
        return em.createNativeQuery("select aoi_id from aoi_set_member where set_name = ?1 order by aoi_id",
                String.class).setParameter(1, name).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /**
     * Deletes the set {@code name}; with {@code withAois} its AOIs too (also from the other sets that hold them).
     *
     * @return false when there was no such set
     */
    @Transactional
    public boolean delete(String name, boolean withAois) {
        if (find(name).isEmpty()) {
            return false;
        }
        List<String> members = withAois ? memberIds(List.of(name)) : List.of();
        em.createNativeQuery("delete from aoi_set where name = ?1").setParameter(1, name).executeUpdate();
        for (int i = 0; i < members.size(); i += BATCH) {
            em.createQuery("delete from AoiEntity a where a.id in :ids")
                    .setParameter("ids", members.subList(i, Math.min(members.size(), i + BATCH))).executeUpdate();
        }
        LOG.info(() -> "deleted AOI set " + name + (withAois ? " and its " + members.size() + " AOI(s)" : ""));
        return true;
    }

    private List<AoiSet> sets(String name) {
        var query = em.createNativeQuery("select s.name, s.created_at, count(m.aoi_id), min(a.min_lon), "
                + "min(a.min_lat), max(a.max_lon), max(a.max_lat) from aoi_set s "
                + "left join aoi_set_member m on m.set_name = s.name left join aoi a on a.id = m.aoi_id "
                + (name == null ? "" : "where s.name = ?1 ")
                + "group by s.name, s.created_at order by s.name");
        if (name != null) {
            query.setParameter(1, name);
        }
        List<?> rows = query.getResultList();
        List<AoiSet> out = new ArrayList<>();
        for (Object r : rows) {
            Object[] c = (Object[]) r;
            long n = ((Number) c[2]).longValue();
            double[] bbox = n == 0 || c[3] == null ? null : new double[] {((Number) c[3]).doubleValue(),
                ((Number) c[4]).doubleValue(), ((Number) c[5]).doubleValue(), ((Number) c[6]).doubleValue()};
            out.add(new AoiSet((String) c[0], n, bbox, instant(c[1])));
        }
        return out;
    }

    private static Instant instant(Object o) {
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.LocalDateTime l) {
            return l.toInstant(java.time.ZoneOffset.UTC);
        }
        if (o instanceof Instant i) {
            return i;
        }
        return o == null ? null : Instant.parse(o.toString());
    }
}
