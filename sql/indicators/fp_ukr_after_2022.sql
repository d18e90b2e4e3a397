-- fp_ukr_after_2022: Fundusz Pracy RMW: of the foreigners supported, Ukrainians who came on or after 24.02.2022
-- (participants.ukr_arrival_since; declared arrival date or PESEL status UKR; rule 7 of docs/INDICATORS.md).
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
where d.foreigner = 1 and d.ukr_war_arrival = 1
