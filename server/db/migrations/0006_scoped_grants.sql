-- Work done as dt_scoped (row-level security) writes its audit entry in the same transaction.
GRANT SELECT, INSERT ON audit_log TO dt_scoped;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO dt_scoped;
