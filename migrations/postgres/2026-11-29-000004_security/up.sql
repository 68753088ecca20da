-- A data version that every write bumps, in the writer's own transaction: an instance caches what it computed
-- from the data (statistics, token revocation) and recomputes when the version it reads has moved, so several
-- instances on one database stay correct. Keep in step with migrations/sqlite.
-- The triggers are deferred to the commit and bump once per transaction: the version row is locked only while
-- a writer commits, so writers of different rows do not wait for each other, and readers see the new version
-- only with the data it stands for.
CREATE TABLE data_version (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 1);

CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('pilotage.data_version_bumped', true) IS DISTINCT FROM 'yes' THEN
        PERFORM set_config('pilotage.data_version_bumped', 'yes', true);
        UPDATE data_version SET version = version + 1 WHERE id = 1;
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER campuses_bumps_data_version AFTER INSERT OR UPDATE OR DELETE ON campuses
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version();
CREATE CONSTRAINT TRIGGER users_bumps_data_version AFTER INSERT OR UPDATE OR DELETE ON users
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version();
CREATE CONSTRAINT TRIGGER user_campuses_bumps_data_version AFTER INSERT OR UPDATE OR DELETE ON user_campuses
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version();
CREATE CONSTRAINT TRIGGER api_clients_bumps_data_version AFTER INSERT OR UPDATE OR DELETE ON api_clients
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version();
CREATE CONSTRAINT TRIGGER annual_reports_bumps_data_version AFTER INSERT OR UPDATE OR DELETE ON annual_reports
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version();
CREATE CONSTRAINT TRIGGER report_values_bumps_data_version AFTER INSERT OR UPDATE OR DELETE ON report_values
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version();
CREATE CONSTRAINT TRIGGER gap_explanations_bumps_data_version AFTER INSERT OR UPDATE OR DELETE ON gap_explanations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version();
CREATE CONSTRAINT TRIGGER flash_surveys_bumps_data_version AFTER INSERT OR UPDATE OR DELETE ON flash_surveys
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version();
CREATE CONSTRAINT TRIGGER targets_bumps_data_version AFTER INSERT OR UPDATE OR DELETE ON targets
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version();
CREATE CONSTRAINT TRIGGER deadlines_bumps_data_version AFTER INSERT OR UPDATE OR DELETE ON deadlines
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version();
CREATE CONSTRAINT TRIGGER lock_exceptions_bumps_data_version AFTER INSERT OR UPDATE OR DELETE ON lock_exceptions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version();
