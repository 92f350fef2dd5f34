package io.eobatch.rest;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.eobatch.batch.ParameterException;

/** Checks the {@code aois} job parameter against the stored AOIs before a job starts. */
@ApplicationScoped
public class AoiChecker {

    @PersistenceContext(unitName = "eobatch")
    EntityManager em;

    /** {@code ids}: comma separated AOI ids, or blank for all of them. */
    public void check(String ids) {
        @SuppressWarnings("unchecked")
        List<String> stored = em.createNativeQuery("select id from aoi").getResultList();
        if (stored.isEmpty()) {
            throw new ParameterException("aois", "no AOI is stored: upload some with POST /api/aois");
        }
        if (ids == null || ids.isBlank()) {
            return;
        }
        Set<String> known = new HashSet<>(stored);
        List<String> unknown = Arrays.stream(ids.split(",")).filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw new ParameterException("aois", "unknown AOI id(s) " + unknown);
        }
    }
}
