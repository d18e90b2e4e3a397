-- fct_support_events: one row per act of direct support a person received, with where it is recorded.
-- Support starts at the first support of any kind (ESF participant definition, Wytyczne w zakresie
-- monitorowania; see research/funders.md §4). Enrolment on a course roll counts when the project's rule
-- participants.roll_start_is_support is true (run_parameters.roll_start_is_support = '1').
create view fct_support_events as
with enrolments as (
    select
        pr.person_id, pr.partner_id, pr.activity_id, pr.start_date as event_date,
        'enrolment' as event_kind, pr.raw_row_id
    from participant_records as pr
    where
        pr.course_id is not null
        and pr.start_date is not null
        and (select value from run_parameters where name = 'roll_start_is_support') = '1'
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
)

select * from enrolments
union all
select * from attended
union all
select * from consulted
