-- Renewal record (SQLite; keep in step with migrations/postgres): what the campus and its partner establishment
-- write for the application to continue the scheme. Money is integer cents (BIGINT).

-- The campus's own text for a criterion of the renewal grids.
CREATE TABLE renewal_texts (
    campus_id TEXT NOT NULL REFERENCES campuses (id),
    criterion TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (campus_id, criterion)
);

-- The partner establishment's actions for the three coming years, in the order written.
CREATE TABLE renewal_actions (
    campus_id TEXT NOT NULL REFERENCES campuses (id),
    position INTEGER NOT NULL,
    academic_year TEXT NOT NULL,
    action TEXT NOT NULL,
    description TEXT NOT NULL,
    PRIMARY KEY (campus_id, position)
);

-- The use of the establishment's yearly grant, one line a year.
CREATE TABLE renewal_grant_uses (
    campus_id TEXT NOT NULL REFERENCES campuses (id),
    academic_year TEXT NOT NULL,
    amount BIGINT NOT NULL,
    description TEXT NOT NULL,
    PRIMARY KEY (campus_id, academic_year)
);

-- The three-year forecast budget: one row per year and line.
CREATE TABLE renewal_budget_lines (
    campus_id TEXT NOT NULL REFERENCES campuses (id),
    academic_year TEXT NOT NULL,
    line TEXT NOT NULL,
    amount BIGINT NOT NULL,
    PRIMARY KEY (campus_id, academic_year, line)
);
