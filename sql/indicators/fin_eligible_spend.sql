-- fin_eligible_spend: eligible expenditure (issue 19), in grosze, summed. One row per loaded ledger row, dated at
-- its payment date (cash basis: an expenditure belongs to the period it was paid in); corrections (negative
-- amounts, credit notes) subtract in the period they were paid. Rows without a payment date are rejected before
-- they reach fin_expenditures, so every row here is dated.
select
    cast(x.id as text) as unit_id,
    x.payment_date as event_date,
    x.eligible_grosze as value,
    x.partner_id as partner,
    x.task,
    x.budget_line,
    x.category as cost_category,
    x.raw_row_id
from fin_expenditures as x
where x.payment_date is not null
