-- Integra warehouse, migration 0005: each file version's normalised records, kept for the next run (issue 18
-- item 2). A run normalises again only the files it holds no entry for: a new or changed file, a file at another
-- path, or one whose normalisation inputs changed (the source's mapping, the project's period, partners and
-- activities, pipelines/vocabulary.yml, the normaliser's version: `inputs_sha256`). The records, diagnostics and row
-- accounting are one encoded blob; what is derived across files (duplicates of an earlier file, re-sent registers)
-- is not stored, and every run works it out again. `raw_rows_check` (the count, ids, row numbers and cell lengths
-- of the version's raw_rows when the records were stored) is compared when they are read: rows deleted, added or
-- edited to another length in the warehouse behind Integra's back are normalised again, not trusted. Like raw_rows
-- it holds personal data.
create table stg_normalised_files (
    source_file_id integer not null references source_files (id),
    path text not null,
    inputs_sha256 text not null,
    raw_rows_check text not null,
    records blob not null,
    primary key (source_file_id, path)
) without rowid;
