-- Records of applied events are removed once they are older than soindi.retention.applied-events, oldest first.
create index applied_events_applied_at on applied_events (applied_at);
