DROP TABLE deadline_marks;
DROP TABLE outbox;
DROP TABLE webhooks;
DROP TABLE job_runs;
