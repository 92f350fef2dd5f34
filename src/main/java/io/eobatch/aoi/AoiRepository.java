package io.eobatch.aoi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import io.eobatch.persistence.SqlStates;

/**
 * The stored AOIs (table {@code aoi}), for the REST API and the batch jobs. Reads need no transaction (they join
 * one when there is one); writes are {@link Transactional}: {@link #saveAll} stores all of its AOIs or none.
 */
@ApplicationScoped
public class AoiRepository {

    private static final Logger LOG = Logger.getLogger(AoiRepository.class.getName());
    /** Ids per {@code in (...)} list: well under PostgreSQL's 32767 bind parameters. */
    private static final int IN_LIST = 1000;
    /** Rows per flush when storing many AOIs (the persistence unit batches 50 inserts a statement). */
    private static final int FLUSH_EVERY = 50;

    @PersistenceContext(unitName = "eobatch")
    EntityManager em;

    /** The AOI {@code id}, if stored. */
    public Optional<Aoi> find(String id) {
        if (!Aoi.isValidId(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(AoiEntity.class, id)).map(AoiEntity::toAoi);
    }

    /** Every stored AOI, ordered by id. */
    public List<Aoi> list() {
        return em.createQuery("select a from AoiEntity a order by a.id", AoiEntity.class).getResultList().stream()
                .map(AoiEntity::toAoi).toList();
    }

    /** Every stored AOI, ordered by id (for the jobs: "all AOIs"). */
    public List<Aoi> findAll() {
        return list();
    }

    /** The stored AOIs among {@code ids}, ordered by id; unknown ids are left out. */
    public List<Aoi> listByIds(Collection<String> ids) {
        return entities(ids).values().stream().map(AoiEntity::toAoi)
                .sorted(java.util.Comparator.comparing(Aoi::id)).toList();
    }

    /**
     * The AOIs {@code ids}, in the order given (duplicates once), for a job that was told which AOIs to use.
     *
     * @throws UnknownAoiException naming every id that is not stored
     */
    public List<Aoi> find(Collection<String> ids) {
        Map<String, AoiEntity> found = entities(ids);
        List<String> unknown = new ArrayList<>();
        List<Aoi> aois = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            AoiEntity e = found.get(id);
            if (e == null) {
                unknown.add(id);
            } else {
                aois.add(e.toAoi());
            }
        }
        if (!unknown.isEmpty()) {
            throw new UnknownAoiException(unknown);
        }
        return aois;
    }

    /** Which of {@code ids} are stored, ordered by id. */
    public List<String> existingIds(Collection<String> ids) {
        List<String> valid = new ArrayList<>(new LinkedHashSet<>(ids));
        valid.removeIf(id -> !Aoi.isValidId(id));
        List<String> existing = new ArrayList<>();
        for (int i = 0; i < valid.size(); i += IN_LIST) {
            existing.addAll(em.createQuery("select a.id from AoiEntity a where a.id in :ids", String.class)
                    .setParameter("ids", valid.subList(i, Math.min(valid.size(), i + IN_LIST))).getResultList());
        }
        existing.sort(null);
        return existing;
    }

    /** How many AOIs are stored. */
    public long count() {
        return em.createQuery("select count(a) from AoiEntity a", Long.class).getSingleResult();
    }

    /**
     * Stores {@code aois}, all or none, in one transaction.
     *
     * @return the AOIs stored
     * @throws AoiConflictException when an id is already stored (nothing is then stored)
     */
    @Transactional
    public List<Aoi> saveAll(List<Aoi> aois) {
        List<String> taken = existingIds(aois.stream().map(Aoi::id).toList());
        if (!taken.isEmpty()) {
            throw new AoiConflictException(taken);
        }
        try {
            int n = 0;
            for (Aoi aoi : aois) {
                em.persist(AoiEntity.of(aoi));
                if (++n % FLUSH_EVERY == 0) {
                    em.flush();
                    em.clear();
                }
            }
            em.flush();
        } catch (PersistenceException e) {
            if (SqlStates.isUniqueViolation(e)) {
                throw new AoiConflictException(List.of(), "an AOI with one of these ids was stored by another"
                        + " request at the same moment: nothing was stored");
            }
            throw e;
        }
        LOG.info(() -> "stored " + aois.size() + " AOI(s)" + (aois.size() <= 5 ? ": "
                + aois.stream().map(Aoi::id).toList() : ""));
        return aois;
    }

    /** Deletes the AOI {@code id}; {@code false} when it was not stored. */
    @Transactional
    public boolean delete(String id) {
        if (!Aoi.isValidId(id)) {
            return false;
        }
        int deleted = em.createQuery("delete from AoiEntity a where a.id = :id").setParameter("id", id)
                .executeUpdate();
        if (deleted > 0) {
            LOG.info(() -> "deleted AOI " + id);
        }
        return deleted > 0;
    }

    private Map<String, AoiEntity> entities(Collection<String> ids) {
        List<String> valid = new ArrayList<>(new LinkedHashSet<>(ids));
        valid.removeIf(id -> !Aoi.isValidId(id));
        Map<String, AoiEntity> found = new HashMap<>();
        for (int i = 0; i < valid.size(); i += IN_LIST) {
            em.createQuery("select a from AoiEntity a where a.id in :ids", AoiEntity.class)
                    .setParameter("ids", valid.subList(i, Math.min(valid.size(), i + IN_LIST))).getResultList()
                    .forEach(e -> found.put(e.id, e));
        }
        return found;
    }
}
