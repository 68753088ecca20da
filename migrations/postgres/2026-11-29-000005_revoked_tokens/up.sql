-- Sessions that end before their token expires: the id (`jti`) of every token signed out (`POST /deconnexion`,
-- `POST /api/v1/auth/logout`), kept until the token's expiry (the row is then useless, and purged at the next
-- sign-out). Revocations do not bump the data version: every authenticated request reads its token's row
-- directly, so signing out leaves the statistics' caches alone. Keep in step with migrations/sqlite.
CREATE TABLE revoked_tokens (
    jti TEXT PRIMARY KEY NOT NULL,
    subject TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP NOT NULL
);
CREATE INDEX revoked_tokens_expires_at ON revoked_tokens (expires_at);
