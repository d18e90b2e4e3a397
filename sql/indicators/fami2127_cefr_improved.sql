-- fami2127_cefr_improved: FAMI 2021–2027 SO2 result: language-course participants (integration objective) whose
-- host-country language level rose by at least one CEFR level (rule 5 of docs/INDICATORS.md).
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
where r.levels_gained >= 1 and r.activity_kind = 'language_course' and d.objective = 'integration' and d.third_country_national = 1
