DROP TABLE renewal_budget_lines;
DROP TABLE renewal_grant_uses;
DROP TABLE renewal_actions;
DROP TABLE renewal_texts;
