-- partner_dated_records: how many dated records each partner's files hold between :start and :end (inclusive), for
-- the dashboard's expected-but-missing files. A dated record is a support event (enrolment, attended session, named
-- consultation), any consultation (anonymous ones too), a session held by one of the partner's courses, or a roll
-- row's start date (even where enrolment is not support). A partner with none in a quarter of the project period sent
-- no usable file for it.
with dated as (
    select partner_id, event_date as record_date from fct_support_events
    union all
    select partner_id, consultation_date from consultations
    union all
    select c.partner_id, s.session_date
    from sessions as s
    inner join courses as c on s.course_id = c.id
    union all
    select partner_id, start_date from participant_records
    where course_id is not null and start_date is not null
)

select
    partner_id as partner,
    count(*) as records
from dated
where record_date between :start and :end
group by partner_id
order by partner_id
