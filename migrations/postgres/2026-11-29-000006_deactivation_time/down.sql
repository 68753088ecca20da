ALTER TABLE api_clients DROP COLUMN last_deactivated_at;
ALTER TABLE users DROP COLUMN last_deactivated_at;
