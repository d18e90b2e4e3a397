-- partner_activity_persons: the dashboard's partner × activity table of persons supported. Same rule as
-- persons_supported (docs/INDICATORS.md, rule 1): a person counts in a cell when a support event of that partner and
-- activity is dated between :start and :end (both inclusive); a person in two cells appears in both.
select
    e.partner_id as partner,
    e.activity_id as activity,
    count(distinct e.person_id) as persons
from fct_support_events as e
inner join dim_persons as d on e.person_id = d.person_id
where e.event_date between :start and :end
group by e.partner_id, e.activity_id
order by e.partner_id, e.activity_id
