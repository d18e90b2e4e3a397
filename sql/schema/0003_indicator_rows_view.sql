-- Integra warehouse, migration 0003: `indicator_rows` becomes a view.
-- The table held a copy of every indicator query's rows (one per qualifying unit, date and source row): at
-- programme scale about 19 million rows, most of the indicator stage's time and a third of the warehouse, while
-- `integra explain` and `freeze` derive the rows behind a figure from the indicator's query anyway. Each run now
-- creates the view `indicator_rows` (indicator_code, unit_id, event_date, raw_row_id) over the current marts, with
-- the same columns and rows: the traceability is derived on demand instead of stored.
drop table indicator_rows;
