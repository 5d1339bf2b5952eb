package com.example.hub.system.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a scenario counted from outside, as it counts it, with the findings behind each count. */
final class Tally {

    int sent;

    int accepted;

    int completed;

    int failed;

    /** Accepted, without a final state at the end of the drain. */
    int undecided;

    /** Finished (or acknowledged) but without its effect: a DMS user, a Creatio patch, a SOINDI product missing. */
    int effectsMissing;

    int duplicates;

    private final Map<String, Integer> findings = new TreeMap<>();

    private final List<String> examples = new ArrayList<>();

    int lost() {
        return this.undecided + this.effectsMissing;
    }

    /** Counts a finding by kind, and keeps a few examples of each kind. */
    void finding(String kind, String example) {
        int seen = this.findings.merge(kind, 1, Integer::sum);
        if (seen <= 3) {
            this.examples.add(kind + ": " + example);
        }
    }

    Map<String, Integer> findings() {
        return this.findings;
    }

    List<String> examples() {
        return this.examples;
    }

    /** Adds another tally's counts and findings, e.g. of the events beside the requests. */
    void add(Tally other) {
        this.sent += other.sent;
        this.accepted += other.accepted;
        this.completed += other.completed;
        this.failed += other.failed;
        this.undecided += other.undecided;
        this.effectsMissing += other.effectsMissing;
        this.duplicates += other.duplicates;
        other.findings.forEach((kind, count) -> this.findings.merge(kind, count, Integer::sum));
        this.examples.addAll(other.examples);
    }
}
