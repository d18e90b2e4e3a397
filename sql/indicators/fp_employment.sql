-- fp_employment: Fundusz Pracy RMW: foreigners supported who took up employment, where the partner records it
-- (employment_date on a roll or consultation record); each person once, at their earliest such date (rule 10).
with employment as (
    select
        pr.person_id,
        pr.employment_date,
        pr.partner_id,
        pr.activity_id,
        pr.raw_row_id,
        row_number() over (partition by pr.person_id order by pr.employment_date, pr.id) as rn
    from participant_records as pr
    where pr.employment_date is not null
)

select
    m.person_id as unit_id,
    m.employment_date as event_date,
    m.partner_id as partner,
    m.activity_id as activity,
    a.priority,
    d.sex,
    d.age_at_start as age,
    d.citizenship,
    d.objective,
    m.raw_row_id
from employment as m
inner join dim_persons as d on m.person_id = d.person_id
inner join activities as a on m.activity_id = a.id
where m.rn = 1 and d.foreigner = 1
