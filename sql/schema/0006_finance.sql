-- Integra warehouse, migration 0006: the money (issue 19). Partners' expenditure ledgers and the grant
-- agreement's budget are source files like the participant files (kinds 'ledger' and 'budget', no activity: ''),
-- so source_files is rebuilt with the wider check (SQLite cannot alter a check); its rows and ids are kept.
-- Amounts are integer grosze, never floating point.
create table source_files_0006 (
    id integer primary key,
    source_id text not null,
    partner_id text not null,
    kind text not null check (kind in ('roll', 'attendance', 'consultations', 'ledger', 'budget')),
    activity_id text not null,
    path text not null,
    sha256 text not null check (length(sha256) = 64),
    size_bytes integer not null check (size_bytes >= 0),
    read_options text not null,
    encoding text,
    read_warnings_json text not null default '[]',
    status text not null default 'current' check (status in ('current', 'superseded', 'removed')),
    ingested_run_id integer not null references runs (id),
    superseded_run_id integer references runs (id),
    check ((status = 'current') = (superseded_run_id is null)),
    unique (source_id, sha256, read_options)
);
insert into source_files_0006 select
    id, source_id, partner_id, kind, activity_id, path, sha256, size_bytes, read_options, encoding,
    read_warnings_json, status, ingested_run_id, superseded_run_id
from source_files;
drop index source_files_one_current_per_path;
-- Views (rejected_rows, the marts) name source_files: in the legacy mode the rename leaves them alone, and they
-- read the new table by its name.
pragma legacy_alter_table = on;
drop table source_files;
alter table source_files_0006 rename to source_files;
pragma legacy_alter_table = off;
create unique index source_files_one_current_per_path on source_files (source_id, path) where status = 'current';

-- Derived per run: one row per loaded ledger row. The supplier's name may name a natural person: like the
-- participants' names it stays here and in the document list for the funder, never in aggregate outputs.
create table fin_expenditures (
    id integer primary key,
    raw_row_id integer not null unique references raw_rows (id),
    partner_id text not null references partners (id),
    document_number text not null,
    issue_date text check (issue_date is null or date(issue_date) = issue_date),
    payment_date text check (payment_date is null or date(payment_date) = payment_date),
    supplier text,
    supplier_nip text check (supplier_nip is null or length(supplier_nip) = 10),
    description text,
    net_grosze integer,
    vat_grosze integer,
    gross_grosze integer,
    eligible_grosze integer not null,
    eligible_vat_grosze integer,
    task text not null,
    budget_line text not null,
    category text not null check (category in ('personnel', 'direct', 'indirect', 'cross_financing'))
);
create index fin_expenditures_line on fin_expenditures (task, budget_line, partner_id);

-- Derived per run: the grant agreement's budget, one row per partner, line and planned period ('project', a
-- year '2024' or a quarter '2024Q3').
create table fin_budget (
    raw_row_id integer not null references raw_rows (id),
    partner_id text not null references partners (id),
    task text not null,
    task_name text,
    budget_line text not null,
    line_name text,
    category text not null check (category in ('personnel', 'direct', 'indirect', 'cross_financing')),
    period_id text not null,
    amount_grosze integer not null
);
create index fin_budget_line on fin_budget (task, budget_line, partner_id);
