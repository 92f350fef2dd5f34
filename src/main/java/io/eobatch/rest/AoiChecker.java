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

    @Inject
    io.eobatch.aoi.AoiSets sets;

    /**
     * {@code ids}: comma separated AOI ids; {@code setNames}: comma separated AOI set names, each stored and not empty
     * when there is no id; both blank: every AOI (then at least one must be stored). Returns how many AOIs the job
     * would plan at most (the ids, the sets' sizes, or every stored AOI), for the size limits.
     */
    public long check(String ids, String setNames) {
        long count = 0;
        if (setNames != null && !setNames.isBlank()) {
            for (String name : setNames.split(",")) {
                var set = sets.find(name).orElseThrow(() -> new ParameterException("aoiSet", "no AOI set named '"
                        + name + "'; sets: GET /api/aoi-sets"));
                if (set.aois() == 0 && (ids == null || ids.isBlank())) {
                    throw new ParameterException("aoiSet", "AOI set '" + name + "' holds no AOI");
                }
                count += set.aois();
            }
        }
        if (ids == null || ids.isBlank()) {
            if (setNames != null && !setNames.isBlank()) {
                return count;
            }
            long stored = aois.count();
            if (stored == 0) {
                throw new ParameterException("aois", "no AOI is stored: upload some with POST /api/aois");
            }
            return stored;
        }
        List<String> wanted = Arrays.asList(ids.split(","));
        List<String> known = aois.existingIds(wanted);
        List<String> unknown = wanted.stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw new ParameterException("aois", "unknown AOI id(s) " + unknown);
        }
        return count + wanted.stream().distinct().count();
    }

    /** {@code id} must name a stored AOI; {@code parameter} is named in the error. */
    public void checkOne(String parameter, String id) {
        if (aois.existingIds(List.of(id)).isEmpty()) {
            throw new ParameterException(parameter, "unknown AOI id '" + id + "'");
        }
    }
}
