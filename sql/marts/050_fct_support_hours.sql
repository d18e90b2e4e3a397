-- fct_support_hours: hours of support (rule 9 of docs/INDICATORS.md): each attended session gives its activity's
-- session_hours (activities without session_hours give none), each consultation, anonymous ones included, its
-- minutes / 60.
create view fct_support_hours as
select
    pr.person_id as unit_id,
    s.session_date as event_date,
    pr.partner_id,
    pr.activity_id,
    a.session_hours as hours,
    am.raw_row_id
from attendance_marks as am
inner join sessions as s on am.session_id = s.id
inner join participant_records as pr on am.participant_record_id = pr.id
inner join activities as a on pr.activity_id = a.id
where am.status = 'present' and a.session_hours is not null
union all
select
    coalesce(c.person_id, 'C' || c.id) as unit_id,
    c.consultation_date as event_date,
    c.partner_id,
    c.activity_id,
    c.minutes / 60.0 as hours,
    c.raw_row_id
from consultations as c
where c.minutes is not null
