-- fami2127_civic_orientation: FAMI 2021–2027 SO2: participants in a civic-orientation course (activity kind civic_orientation).
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
where d.objective = 'integration' and d.third_country_national = 1 and e.activity_kind = 'civic_orientation'
