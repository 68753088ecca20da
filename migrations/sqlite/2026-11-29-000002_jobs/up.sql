-- Scheduled jobs and notifications (sqlite). Keep in step with the other backend's folder.

-- One row per run of a job. A scheduled run claims its slot (the schedule time) through the unique index, so that
-- when several instances share the database each slot runs once; manual runs have no slot.
CREATE TABLE job_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    job TEXT NOT NULL,
    slot TEXT,
    trigger TEXT NOT NULL,
    run_at TIMESTAMP NOT NULL,
    instance TEXT NOT NULL,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    outcome TEXT NOT NULL,
    summary TEXT
);
CREATE UNIQUE INDEX job_runs_slot ON job_runs (job, slot);
CREATE INDEX job_runs_started ON job_runs (job, started_at);

-- Webhooks registered by API clients (regional systems): where to POST which events, and the signing secret.
CREATE TABLE webhooks (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    client_id TEXT NOT NULL REFERENCES api_clients (client_id),
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    secret TEXT NOT NULL,
    active BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX webhooks_client ON webhooks (client_id);

-- Notifications to deliver, written in the transaction of the event that causes them; the dedupe key makes a
-- second write of the same notification a no-op. A worker takes a lease on a row while delivering it.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    dedupe_key TEXT NOT NULL UNIQUE,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    webhook_id BIGINT REFERENCES webhooks (id),
    event TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    last_error TEXT,
    sent_at TIMESTAMP,
    lease_owner TEXT,
    lease_until TIMESTAMP
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

-- What the deadline and closing jobs recorded: a campus marked late, a report locked at the closing date.
CREATE TABLE deadline_marks (
    campus_id TEXT NOT NULL REFERENCES campuses (id),
    academic_year TEXT NOT NULL,
    kind TEXT NOT NULL,
    mark TEXT NOT NULL,
    marked_at TIMESTAMP NOT NULL,
    PRIMARY KEY (campus_id, academic_year, kind, mark)
);
