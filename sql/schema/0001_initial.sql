-- Integra warehouse, migration 0001: provenance, typed records, indicator results.
-- Append-only: never edit a released migration; add 0002_… instead.
-- Dates are ISO text (yyyy-mm-dd). Person ids are pseudonymous (P000001); names stay in participant_records.

create table runs (
    id integer primary key,
    project_id text not null,
    project_sha256 text not null check (length(project_sha256) = 64),
    tool_version text not null
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

-- Every input file read by a run, with its content hash; rows_read = rows_loaded + rows_rejected always.
create table source_files (
    id integer primary key,
    run_id integer not null references runs (id),
    source_id text not null,
    partner_id text not null references partners (id),
    kind text not null check (kind in ('roll', 'attendance', 'consultations')),
    activity_id text not null references activities (id),
    path text not null unique,
    sha256 text not null check (length(sha256) = 64),
    size_bytes integer not null check (size_bytes >= 0),
    encoding text,
    rows_read integer not null default 0,
    rows_loaded integer not null default 0,
    rows_rejected integer not null default 0,
    check (rows_read = rows_loaded + rows_rejected)
);

-- Every data row of every file, as read (cells keyed by header), loaded or rejected.
create table raw_rows (
    id integer primary key,
    source_file_id integer not null references source_files (id),
    sheet text not null default '',
    row_number integer not null check (row_number >= 1),
    cells_json text not null,
    status text not null check (status in ('loaded', 'rejected')),
    unique (source_file_id, sheet, row_number)
);

create table diagnostics (
    id integer primary key,
    source_file_id integer references source_files (id),
    raw_row_id integer references raw_rows (id),
    sheet text,
    row_number integer,
    column_name text,
    severity text not null check (severity in ('note', 'warning', 'error')),
    code text not null,
    message text not null
);

create table persons (
    id text primary key check (id glob 'P[0-9]*'),
    sex text check (sex in ('K', 'M')),
    birth_date text check (birth_date is null or date(birth_date) = birth_date),
    citizenship text check (citizenship is null or length(citizenship) = 3),
    arrival_date text check (arrival_date is null or date(arrival_date) = arrival_date),
    -- what joined this person's records: a PESEL, a name with a birth date, or a name alone
    evidence text not null check (evidence in ('pesel', 'name_birth_date', 'name_only'))
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
create index attendance_marks_session on attendance_marks (session_id);
create index consultations_person on consultations (person_id);
