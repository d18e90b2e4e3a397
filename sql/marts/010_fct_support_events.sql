-- fct_support_events: one row per act of direct support a person received, with where it is recorded
-- (docs/INDICATORS.md, rule 1). Participation starts at the first support of any kind (ESF participant definition,
-- Wytyczne w zakresie monitorowania; research/funders.md §4). Enrolment on a course roll counts when the
-- activity's support_starts is 'enrolment' (activities: … support_starts, default participants.roll_start_is_support).
create view fct_support_events as
with enrolments as (
    select
        pr.person_id, pr.partner_id, pr.activity_id, pr.start_date as event_date,
        'enrolment' as event_kind, pr.raw_row_id
    from participant_records as pr
    inner join activities as a on pr.activity_id = a.id
    where
        pr.course_id is not null
        and pr.start_date is not null
        and a.support_starts = 'enrolment'
),

attended as (
    select
        pr.person_id, pr.partner_id, pr.activity_id, s.session_date as event_date,
        'attendance' as event_kind, am.raw_row_id
    from attendance_marks as am
    inner join sessions as s on am.session_id = s.id
    inner join participant_records as pr on am.participant_record_id = pr.id
    where am.status = 'present'
),

consulted as (
    select
        c.person_id, c.partner_id, c.activity_id, c.consultation_date as event_date,
        'consultation' as event_kind, c.raw_row_id
    from consultations as c
    where c.person_id is not null
),

events as (
    select * from enrolments
    union all
    select * from attended
    union all
    select * from consulted
)

select
    e.person_id, e.partner_id, e.activity_id, e.event_date, e.event_kind, e.raw_row_id,
    a.kind as activity_kind, a.priority
from events as e
inner join activities as a on e.activity_id = a.id
