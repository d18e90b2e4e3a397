-- dim_persons: one row per person with the date support started, the age on that date (rules 2, 6–8 of
-- docs/INDICATORS.md): the FAMI objective the person counts under (decided once per person by the run, see
-- persons.objective_record), whether a Ukrainian who came on or after run_parameters.ukr_arrival_since (declared
-- arrival date or a recorded PESEL status UKR), whether a foreigner (citizenship known and not Polish) and whether a
-- third-country national (citizenship known and outside the EU/EEA/Switzerland).
create view dim_persons as
with first_support as (
    select person_id, min(event_date) as first_support_date
    from fct_support_events
    group by person_id
),

ukr_status as (
    select person_id, max(coalesce(ukr_status, 0)) as ukr_status
    from participant_records
    group by person_id
)

select
    p.id as person_id,
    p.sex,
    p.citizenship,
    p.birth_date,
    p.arrival_date,
    p.evidence,
    p.objective,
    p.objective_since,
    fs.first_support_date,
    case
        when p.birth_date is null or fs.first_support_date is null then null
        else cast(strftime('%Y', fs.first_support_date) as integer)
            - cast(strftime('%Y', p.birth_date) as integer)
            - (strftime('%m-%d', fs.first_support_date) < strftime('%m-%d', p.birth_date))
    end as age_at_start,
    coalesce(
        p.citizenship = 'UKR'
        and (
            p.arrival_date >= (select value from run_parameters where name = 'ukr_arrival_since')
            or coalesce(u.ukr_status, 0) = 1
        ),
        0
    ) as ukr_war_arrival,
    coalesce(p.citizenship is not null and p.citizenship <> 'POL', 0) as foreigner,
    -- a third-country national (FAMI's target group): a known citizenship outside the EU, the EEA and Switzerland
    coalesce(
        p.citizenship is not null
        and p.citizenship not in (
            'AUT', 'BEL', 'BGR', 'HRV', 'CYP', 'CZE', 'DNK', 'EST', 'FIN', 'FRA', 'DEU', 'GRC', 'HUN', 'IRL', 'ITA',
            'LVA', 'LTU', 'LUX', 'MLT', 'NLD', 'POL', 'PRT', 'ROU', 'SVK', 'SVN', 'ESP', 'SWE', 'ISL', 'LIE', 'NOR',
            'CHE'
        ),
        0
    ) as third_country_national
from persons as p
left join first_support as fs on p.id = fs.person_id
left join ukr_status as u on p.id = u.person_id
