-- fami1420_c1_asylum: FAMI 2014–2020 quarterly indicator form, objective Asylum, indicator C1: persons of the target groups
-- assisted, i.e. persons counted under the asylum objective (rule 6 of docs/INDICATORS.md) with a support event.
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
where d.objective = 'asylum' and d.third_country_national = 1
