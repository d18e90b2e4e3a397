-- dim_persons: one row per person with the date support started and the age on that date.
create view dim_persons as
with first_support as (
    select person_id, min(event_date) as first_support_date
    from fct_support_events
    group by person_id
)

select
    p.id as person_id,
    p.sex,
    p.citizenship,
    p.birth_date,
    p.arrival_date,
    p.evidence,
    fs.first_support_date,
    case
        when p.birth_date is null or fs.first_support_date is null then null
        else cast(strftime('%Y', fs.first_support_date) as integer)
            - cast(strftime('%Y', p.birth_date) as integer)
            - (strftime('%m-%d', fs.first_support_date) < strftime('%m-%d', p.birth_date))
    end as age_at_start
from persons as p
left join first_support as fs on p.id = fs.person_id
