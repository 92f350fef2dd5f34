package io.eobatch.rest;

import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eobatch.aoi.AoiRepository;
import io.eobatch.batch.ParameterException;

/** Checks the {@code aois} job parameter against the stored AOIs before a job starts. */
@ApplicationScoped
public class AoiChecker {

    @Inject
    AoiRepository aois;

    /** {@code ids}: comma separated AOI ids, or blank for all of them (then at least one must be stored). */
    public void check(String ids) {
        if (ids == null || ids.isBlank()) {
            if (aois.count() == 0) {
                throw new ParameterException("aois", "no AOI is stored: upload some with POST /api/aois");
            }
            return;
        }
        List<String> wanted = Arrays.asList(ids.split(","));
        List<String> known = aois.existingIds(wanted);
        List<String> unknown = wanted.stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw new ParameterException("aois", "unknown AOI id(s) " + unknown);
        }
    }

    /** {@code id} must name a stored AOI; {@code parameter} is named in the error. */
    public void checkOne(String parameter, String id) {
        if (aois.existingIds(List.of(id)).isEmpty()) {
            throw new ParameterException(parameter, "unknown AOI id '" + id + "'");
        }
    }
}
