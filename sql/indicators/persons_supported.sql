-- persons_supported: distinct persons who received any direct support (rule 1 of docs/INDICATORS.md).
-- One row per support event: a person counts in a period if any of their support falls in it, and in a
-- partner's or activity's row if that partner or activity supported them (the total is deduplicated).
select
    e.person_id as unit_id,
    e.event_date,
    e.partner_id as partner,
    e.activity_id as activity,
    e.priority,
    d.sex,
    d.age_at_start as age,
    d.citizenship,
    d.objective,
    e.raw_row_id
from fct_support_events as e
inner join dim_persons as d on e.person_id = d.person_id
