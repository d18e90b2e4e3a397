-- Integra warehouse, migration 0001: provenance, typed records, indicator results.
-- Append-only: never edit a released migration; add 0002_… instead.
-- Dates are ISO text (yyyy-mm-dd). Person ids are pseudonymous (P000001); names stay in participant_records.

-- One row per run on this warehouse (no clock time: runs are numbered).
create table runs (
    id integer primary key,
    project_id text not null,
    project_sha256 text not null check (length(project_sha256) = 64),
    tool_version text not null,
    files_new integer not null default 0,
    files_unchanged integer not null default 0,
    files_superseded integer not null default 0,
    files_removed integer not null default 0
);

-- The project's participant rules as the run applied them; marts read them (views cannot take parameters).
create table run_parameters (
    name text primary key,
    value text not null
);

create table partners (
    id text primary key,
    name text not null,
    role text not null check (role in ('leader', 'partner'))
);

create table activities (
    id text primary key,
    name_pl text not null,
    name_en text not null
);

-- Every version of every input file ever ingested, content-addressed: a file whose content (and reading options)
-- is already here is not ingested again, whatever its name. A changed file at the same path supersedes the older
-- version, whose rows stay here marked superseded by that run; a file no longer matched is marked removed.
create table source_files (
    id integer primary key,
    source_id text not null,
    partner_id text not null,
    kind text not null check (kind in ('roll', 'attendance', 'consultations')),
    activity_id text not null,
    path text not null,
    sha256 text not null check (length(sha256) = 64),
    size_bytes integer not null check (size_bytes >= 0),
    -- the reading options that shaped the rows (encoding, delimiter, sheets): another option is another ingest
    read_options text not null,
    encoding text,
    -- problems found while reading (undecodable bytes, an unterminated quote), re-reported by every run
    read_warnings_json text not null default '[]',
    status text not null default 'current' check (status in ('current', 'superseded', 'removed')),
    ingested_run_id integer not null references runs (id),
    superseded_run_id integer references runs (id),
    check ((status = 'current') = (superseded_run_id is null)),
    unique (source_id, sha256, read_options)
);

create unique index source_files_one_current_per_path on source_files (source_id, path) where status = 'current';

-- The sheets of a file (one unnamed sheet for CSV), as read.
create table source_sheets (
    id integer primary key,
    source_file_id integer not null references source_files (id),
    sheet_index integer not null check (sheet_index >= 0),
    name text not null default '',
    hidden integer not null default 0 check (hidden in (0, 1)),
    merged_ranges_json text not null default '[]',
    blank_rows_json text not null default '[]',
    hidden_rows_json text not null default '[]',
    unique (source_file_id, sheet_index)
);

-- Every non-blank row of every sheet as read (title block and header included): cells as a JSON array
-- (text, numbers, {"date": "yyyy-mm-dd"}, booleans, {"error": "#N/A"}, null for empty).
create table raw_rows (
    id integer primary key,
    source_file_id integer not null references source_files (id),
    sheet_id integer not null references source_sheets (id),
    row_number integer not null check (row_number >= 1),
    cells_json text not null,
    unique (sheet_id, row_number)
);

-- Everything below is derived by each run from the current files and rebuilt from scratch.

-- Row accounting per current file: read = loaded + rejected + blank (data rows under the header).
create table file_accounting (
    source_file_id integer primary key references source_files (id),
    rows_read integer not null,
    rows_loaded integer not null,
    rows_rejected integer not null,
    rows_blank integer not null,
    check (rows_read = rows_loaded + rows_rejected + rows_blank)
);

-- Whether each data row was loaded or rejected this run.
create table row_status (
    raw_row_id integer primary key references raw_rows (id),
    status text not null check (status in ('loaded', 'rejected'))
);

create table diagnostics (
    id integer primary key,
    source_file_id integer references source_files (id),
    raw_row_id integer references raw_rows (id),
    path text,
    sheet text,
    row_number integer,
    column_name text,
    severity text not null check (severity in ('note', 'warning', 'error')),
    code text not null,
    message text not null
);

-- The rows a run rejected, with why: what a partner needs to fix.
create view rejected_rows as
select
    f.path, s.name as sheet, r.row_number, d.column_name, d.code, d.message, r.cells_json, r.id as raw_row_id
from row_status as rs
inner join raw_rows as r on rs.raw_row_id = r.id
inner join source_files as f on r.source_file_id = f.id
inner join source_sheets as s on r.sheet_id = s.id
left join diagnostics as d on d.raw_row_id = r.id and d.severity = 'error'
where rs.status = 'rejected';

create table persons (
    id text primary key check (id glob 'P[0-9]*'),
    sex text check (sex in ('K', 'M')),
    birth_date text check (birth_date is null or date(birth_date) = birth_date),
    citizenship text check (citizenship is null or length(citizenship) = 3),
    arrival_date text check (arrival_date is null or date(arrival_date) = arrival_date),
    -- what joined this person's records: a PESEL, a name with a birth date, or a name alone
    evidence text not null check (evidence in ('pesel', 'name_birth_date', 'name_only'))
);

-- Person ids given so far, by record key (path#sheet#row): later runs keep them, so ids stay stable when files
-- are added. When persons merge, the smallest id survives; a record new to the warehouse takes its person's id.
create table person_ids (
    record_key text primary key,
    person_id text not null check (person_id glob 'P[0-9]*')
);

-- Derived per run: the links that joined each person's records, with the score and each field's contribution.
create table person_links (
    person_id text not null references persons (id),
    record_a text not null,
    record_b text not null,
    weight real not null,
    probability real not null check (probability between 0 and 1),
    decided_by text not null,
    contributions_json text not null
);

-- Derived per run: pairs in the uncertain band, not linked, for a coordinator to decide (decisions file).
create table link_review (
    record_a text not null,
    record_b text not null,
    person_a text not null references persons (id),
    person_b text not null references persons (id),
    weight real not null,
    probability real not null check (probability between 0 and 1),
    contributions_json text not null
);

-- Derived per run: the estimated Fellegi-Sunter model, per field and comparison level.
create table linkage_model (
    field text not null,
    level text not null,
    m real not null,
    u real not null,
    weight real not null,
    primary key (field, level)
);

create table courses (
    id integer primary key,
    partner_id text not null references partners (id),
    activity_id text not null references activities (id),
    group_code text not null,
    unique (partner_id, activity_id, group_code)
);

-- One row per person per roll row or identified consultation client.
create table participant_records (
    id integer primary key,
    raw_row_id integer not null unique references raw_rows (id),
    -- path#sheet#row: how decisions files and explanations name this record
    record_key text not null unique,
    person_id text not null references persons (id),
    partner_id text not null references partners (id),
    activity_id text not null references activities (id),
    course_id integer references courses (id),
    first_name text not null,
    last_name text not null,
    name_key text not null,
    pesel text check (pesel is null or length(pesel) = 11),
    birth_date text check (birth_date is null or date(birth_date) = birth_date),
    sex text check (sex in ('K', 'M')),
    citizenship text check (citizenship is null or length(citizenship) = 3),
    arrival_date text check (arrival_date is null or date(arrival_date) = arrival_date),
    start_date text check (start_date is null or date(start_date) = start_date),
    end_date text check (end_date is null or date(end_date) = end_date),
    level_in text check (level_in is null or level_in in ('A0', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2')),
    level_out text check (level_out is null or level_out in ('A0', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'))
);

create table sessions (
    id integer primary key,
    course_id integer not null references courses (id),
    session_date text not null check (date(session_date) = session_date),
    unique (course_id, session_date)
);

create table attendance_marks (
    id integer primary key,
    raw_row_id integer not null references raw_rows (id),
    session_id integer not null references sessions (id),
    participant_record_id integer not null references participant_records (id),
    column_name text not null,
    status text not null check (status in ('present', 'absent', 'excused')),
    unique (participant_record_id, session_id)
);

-- One row per consultation; person_id is null for anonymous consultations (counted, never persons).
create table consultations (
    id integer primary key,
    raw_row_id integer not null unique references raw_rows (id),
    partner_id text not null references partners (id),
    activity_id text not null references activities (id),
    person_id text references persons (id),
    consultation_date text not null check (date(consultation_date) = consultation_date),
    topic text,
    language text,
    mode text,
    minutes integer check (minutes is null or minutes >= 0)
);

create table periods (
    id text primary key,
    kind text not null check (kind in ('quarter', 'month', 'year', 'project')),
    start_date text not null check (date(start_date) = start_date),
    end_date text not null check (date(end_date) = end_date),
    label_pl text not null,
    label_en text not null,
    check (start_date <= end_date)
);

-- Indicator results: in-period and cumulative, total (breakdown '') and per breakdown category.
create table indicator_values (
    indicator_code text not null,
    period_id text not null references periods (id),
    scope text not null check (scope in ('in_period', 'cumulative')),
    breakdown text not null default '',
    category text not null default '',
    value real not null,
    primary key (indicator_code, period_id, scope, breakdown, category)
);

-- The units behind each indicator (persons or consultations) with the date and source row that qualified them:
-- the rows that make up a figure.
create table indicator_rows (
    indicator_code text not null,
    unit_id text not null,
    event_date text not null,
    raw_row_id integer references raw_rows (id)
);

create index participant_records_person on participant_records (person_id);
create index person_links_person on person_links (person_id);
create index attendance_marks_session on attendance_marks (session_id);
create index consultations_person on consultations (person_id);
