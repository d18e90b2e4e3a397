-- expenditures: the document list for the funder (zestawienie dokumentów), one row per loaded ledger row paid
-- within the reporting period (:start..:end), with where it was read. The supplier's name can name a natural person: the
-- report shows it only in a sheet marked `supplier_names: true`, written as personal data.
select
    x.partner_id,
    x.document_number,
    x.issue_date,
    x.payment_date,
    x.supplier,
    x.supplier_nip,
    x.description,
    x.net_grosze,
    x.vat_grosze,
    x.gross_grosze,
    x.eligible_grosze,
    x.eligible_vat_grosze,
    x.task,
    x.budget_line,
    x.category,
    f.path as file,
    nullif(s.name, '') as sheet,
    r.row_number
from fin_expenditures as x
inner join raw_rows as r on r.id = x.raw_row_id
inner join source_files as f on f.id = r.source_file_id
left join source_sheets as s on s.id = r.sheet_id
where x.payment_date between :start and :end
order by x.payment_date, x.partner_id, f.path, s.name, r.row_number
