-- When each account was last deactivated: its tokens issued until then stay refused once it is reactivated.
-- Keep in step with migrations/sqlite.
ALTER TABLE users ADD COLUMN last_deactivated_at TIMESTAMP;
ALTER TABLE api_clients ADD COLUMN last_deactivated_at TIMESTAMP;
