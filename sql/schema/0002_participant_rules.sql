-- Integra warehouse, migration 0002: participant rules per activity, FAMI objectives, arrival and employment data,
-- periods of any kind (month, quarter, year, project, custom). See docs/INDICATORS.md.
-- Marts are views recreated by every run; drop them so the tables below can change under them.
drop view if exists fct_support_events;
drop view if exists dim_persons;
drop view if exists fct_course_results;

-- What each activity is and its own rules (activities: in the project file).
alter table activities add column kind text not null default 'other';
alter table activities add column priority text;
alter table activities add column completion_threshold real
    check (completion_threshold is null or (completion_threshold > 0 and completion_threshold <= 1));
alter table activities add column support_starts text not null default 'enrolment'
    check (support_starts in ('enrolment', 'first_attendance'));
alter table activities add column session_hours real check (session_hours is null or session_hours >= 0);

-- The FAMI objective the person counts under (one only), the date it was registered and the record that said so.
alter table persons add column objective text check (objective is null or objective in ('integration', 'asylum'));
alter table persons add column objective_since text check (objective_since is null or date(objective_since) = objective_since);
alter table persons add column objective_record text;

alter table participant_records add column objective text
    check (objective is null or objective in ('integration', 'asylum'));
alter table participant_records add column objective_since text
    check (objective_since is null or date(objective_since) = objective_since);
alter table participant_records add column ukr_status integer check (ukr_status is null or ukr_status in (0, 1));
alter table participant_records add column employment_date text
    check (employment_date is null or date(employment_date) = employment_date);

-- Derived tables: rebuilt by every run, so they can be recreated with the wider period kinds.
drop table indicator_values;
drop table periods;

create table periods (
    id text primary key,
    kind text not null check (kind in ('month', 'quarter', 'year', 'project', 'custom')),
    start_date text not null check (date(start_date) = start_date),
    end_date text not null check (date(end_date) = end_date),
    label_pl text not null,
    label_en text not null,
    check (start_date <= end_date)
);

create table indicator_values (
    indicator_code text not null,
    period_id text not null references periods (id),
    scope text not null check (scope in ('in_period', 'cumulative')),
    breakdown text not null default '',
    category text not null default '',
    value real not null,
    primary key (indicator_code, period_id, scope, breakdown, category)
);
