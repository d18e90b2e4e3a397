-- Integra warehouse, migration 0004: why a pair waits for a coordinator (issue #15). `score` for a pair in the
-- uncertain band, `contradiction` for a high score with different first names or birth dates, and the name-only
-- rules' reasons: `name-only` (joined on a name at one partner, below the match threshold), `name-only-ambiguous`
-- (two or more persons of that partner fit), `name-only-common-name` (likelier a namesake),
-- `name-only-other-partner` (the same name at another partner). See the README, "Clients known by name only".
alter table link_review add column decided_by text not null default 'score';
