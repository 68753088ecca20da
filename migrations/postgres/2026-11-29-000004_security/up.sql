-- A data version that every write bumps, in the writer's own transaction: an instance caches what it computed
-- from the data (statistics, token revocation) and recomputes when the version it reads has moved, so several
-- instances on one database stay correct. Keep in step with migrations/sqlite.
-- The triggers run BEFORE each statement: a writer takes the version row's lock before any other row lock, so
-- two writers never wait on each other in opposite orders.
CREATE TABLE data_version (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 1);

CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER campuses_bumps_data_version BEFORE INSERT OR UPDATE OR DELETE ON campuses
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER users_bumps_data_version BEFORE INSERT OR UPDATE OR DELETE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER user_campuses_bumps_data_version BEFORE INSERT OR UPDATE OR DELETE ON user_campuses
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER api_clients_bumps_data_version BEFORE INSERT OR UPDATE OR DELETE ON api_clients
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER annual_reports_bumps_data_version BEFORE INSERT OR UPDATE OR DELETE ON annual_reports
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER report_values_bumps_data_version BEFORE INSERT OR UPDATE OR DELETE ON report_values
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER gap_explanations_bumps_data_version BEFORE INSERT OR UPDATE OR DELETE ON gap_explanations
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER flash_surveys_bumps_data_version BEFORE INSERT OR UPDATE OR DELETE ON flash_surveys
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER targets_bumps_data_version BEFORE INSERT OR UPDATE OR DELETE ON targets
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER deadlines_bumps_data_version BEFORE INSERT OR UPDATE OR DELETE ON deadlines
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER lock_exceptions_bumps_data_version BEFORE INSERT OR UPDATE OR DELETE ON lock_exceptions
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
