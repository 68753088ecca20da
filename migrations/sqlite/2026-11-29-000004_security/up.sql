-- A data version that every write bumps, in the writer's own transaction: an instance caches what it computed
-- from the data (statistics, token revocation) and recomputes when the version it reads has moved, so several
-- instances on one database stay correct. Keep in step with migrations/postgres.
CREATE TABLE data_version (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 1);

CREATE TRIGGER campuses_insert_bumps_data_version AFTER INSERT ON campuses
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER campuses_update_bumps_data_version AFTER UPDATE ON campuses
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER campuses_delete_bumps_data_version AFTER DELETE ON campuses
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER users_insert_bumps_data_version AFTER INSERT ON users
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER users_update_bumps_data_version AFTER UPDATE ON users
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER users_delete_bumps_data_version AFTER DELETE ON users
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER user_campuses_insert_bumps_data_version AFTER INSERT ON user_campuses
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER user_campuses_update_bumps_data_version AFTER UPDATE ON user_campuses
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER user_campuses_delete_bumps_data_version AFTER DELETE ON user_campuses
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER api_clients_insert_bumps_data_version AFTER INSERT ON api_clients
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER api_clients_update_bumps_data_version AFTER UPDATE ON api_clients
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER api_clients_delete_bumps_data_version AFTER DELETE ON api_clients
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER annual_reports_insert_bumps_data_version AFTER INSERT ON annual_reports
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER annual_reports_update_bumps_data_version AFTER UPDATE ON annual_reports
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER annual_reports_delete_bumps_data_version AFTER DELETE ON annual_reports
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER report_values_insert_bumps_data_version AFTER INSERT ON report_values
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER report_values_update_bumps_data_version AFTER UPDATE ON report_values
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER report_values_delete_bumps_data_version AFTER DELETE ON report_values
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER gap_explanations_insert_bumps_data_version AFTER INSERT ON gap_explanations
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER gap_explanations_update_bumps_data_version AFTER UPDATE ON gap_explanations
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER gap_explanations_delete_bumps_data_version AFTER DELETE ON gap_explanations
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER flash_surveys_insert_bumps_data_version AFTER INSERT ON flash_surveys
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER flash_surveys_update_bumps_data_version AFTER UPDATE ON flash_surveys
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER flash_surveys_delete_bumps_data_version AFTER DELETE ON flash_surveys
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER targets_insert_bumps_data_version AFTER INSERT ON targets
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER targets_update_bumps_data_version AFTER UPDATE ON targets
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER targets_delete_bumps_data_version AFTER DELETE ON targets
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER deadlines_insert_bumps_data_version AFTER INSERT ON deadlines
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER deadlines_update_bumps_data_version AFTER UPDATE ON deadlines
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER deadlines_delete_bumps_data_version AFTER DELETE ON deadlines
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER lock_exceptions_insert_bumps_data_version AFTER INSERT ON lock_exceptions
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER lock_exceptions_update_bumps_data_version AFTER UPDATE ON lock_exceptions
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER lock_exceptions_delete_bumps_data_version AFTER DELETE ON lock_exceptions
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
