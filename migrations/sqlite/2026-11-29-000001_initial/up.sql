-- Initial schema of Pilotage (SQLite). Keep in step with migrations/postgres: same tables, same names.
-- Timestamps are UTC without time zone; money is integer cents (BIGINT).

CREATE TABLE regions (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    insee_code TEXT NOT NULL,
    overseas BOOLEAN NOT NULL
);

CREATE TABLE campuses (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    commune TEXT NOT NULL,
    department_code TEXT NOT NULL,
    region_code TEXT NOT NULL REFERENCES regions (code),
    latitude DOUBLE NOT NULL,
    longitude DOUBLE NOT NULL,
    local_authority TEXT NOT NULL,
    partner_establishment TEXT,
    opening_year INTEGER NOT NULL,
    wave INTEGER NOT NULL,
    premises_kind TEXT NOT NULL,
    surface_m2 DOUBLE,
    seats INTEGER,
    weekly_opening_hours DOUBLE,
    evening_opening BOOLEAN NOT NULL,
    weekend_opening BOOLEAN NOT NULL,
    status TEXT NOT NULL,
    convention_start_year INTEGER NOT NULL,
    convention_end_year INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX campuses_region_code ON campuses (region_code);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    region_code TEXT REFERENCES regions (code),
    active BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE user_campuses (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    campus_id TEXT NOT NULL REFERENCES campuses (id),
    PRIMARY KEY (user_id, campus_id)
);

CREATE TABLE api_clients (
    client_id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    region_code TEXT REFERENCES regions (code),
    active BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE annual_reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    campus_id TEXT NOT NULL REFERENCES campuses (id),
    academic_year TEXT NOT NULL,
    status TEXT NOT NULL,
    achievements TEXT,
    financial_comment TEXT,
    submitted_at TIMESTAMP,
    reviewed_at TIMESTAMP,
    review_comment TEXT,
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (campus_id, academic_year)
);
CREATE INDEX annual_reports_year ON annual_reports (academic_year);

-- One row per filled-in grid field: counts and cents in int_value, decimals in real_value, lists in text_value (JSON).
CREATE TABLE report_values (
    report_id BIGINT NOT NULL REFERENCES annual_reports (id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    int_value BIGINT,
    real_value DOUBLE,
    text_value TEXT,
    PRIMARY KEY (report_id, field)
);

CREATE TABLE gap_explanations (
    report_id BIGINT NOT NULL REFERENCES annual_reports (id) ON DELETE CASCADE,
    indicator TEXT NOT NULL,
    explanation TEXT NOT NULL,
    PRIMARY KEY (report_id, indicator)
);

CREATE TABLE flash_surveys (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    campus_id TEXT NOT NULL REFERENCES campuses (id),
    academic_year TEXT NOT NULL,
    status TEXT NOT NULL,
    submitted_at TIMESTAMP,
    version BIGINT NOT NULL,
    forecast_students_enrolled BIGINT,
    forecast_prog_licence BIGINT,
    forecast_prog_master BIGINT,
    forecast_prog_doctorate BIGINT,
    forecast_prog_daeu BIGINT,
    forecast_prog_bts BIGINT,
    forecast_prog_other_public BIGINT,
    forecast_prog_private BIGINT,
    final_outcome_success BIGINT,
    final_outcome_dropout BIGINT,
    final_outcome_reorientation BIGINT,
    final_outcome_failure BIGINT,
    final_outcome_pending BIGINT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (campus_id, academic_year)
);

CREATE TABLE targets (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    indicator TEXT NOT NULL,
    scope TEXT NOT NULL,
    academic_year TEXT NOT NULL,
    direction TEXT NOT NULL,
    value DOUBLE NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (indicator, scope, academic_year)
);

-- Deadlines that differ from the defaults of the academic year (annual report 1 September, flash survey 15 October).
CREATE TABLE deadlines (
    academic_year TEXT NOT NULL,
    kind TEXT NOT NULL,
    due_at TIMESTAMP NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (academic_year, kind)
);

CREATE TABLE lock_exceptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    campus_id TEXT NOT NULL REFERENCES campuses (id),
    academic_year TEXT NOT NULL,
    kind TEXT NOT NULL,
    due_at TIMESTAMP NOT NULL,
    reason TEXT NOT NULL,
    granted_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (campus_id, academic_year, kind)
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    at TIMESTAMP NOT NULL,
    actor TEXT NOT NULL,
    entity TEXT NOT NULL,
    campus_id TEXT,
    academic_year TEXT,
    action TEXT NOT NULL,
    field TEXT,
    old_value TEXT,
    new_value TEXT,
    comment TEXT
);
CREATE INDEX audit_log_subject ON audit_log (entity, campus_id, academic_year);

CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
