-- cefr_improved: persons whose language level rose by at least one CEFR step between the initial and the final
-- level of a roll record (rule 5 of docs/INDICATORS.md), dated at the record's end date or its course's last session.
select
    r.person_id as unit_id,
    r.result_date as event_date,
    r.partner_id as partner,
    r.activity_id as activity,
    r.priority,
    d.sex,
    d.age_at_start as age,
    d.citizenship,
    d.objective,
    r.raw_row_id
from fct_cefr_results as r
inner join dim_persons as d on r.person_id = d.person_id
where r.levels_gained >= 1
