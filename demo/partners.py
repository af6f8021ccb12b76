"""Two partner organisations of the directory, each with a group: one on an upcoming
screening, accepted (its places held), one on a youth workshop session, waiting for
staff's answer. Made once: running the seed again finds them."""

from django.utils import timezone

from events.choices import Kind
from events.models import Session
from events.services import session_counters_sync
from partners.models import GroupRequest, PartnerOrganisation
from partners.services import places_left
from workshops.models import WorkshopPage

PARTNERS = [
    {
        "name": "Collège Jean Jaurès",
        "kind": PartnerOrganisation.Kind.SCHOOL,
        "contact_name": "Aminata Diallo",
        "email": "a.diallo@college-jaures.example",
        "phone": "01 40 11 22 33",
        "session_kind": Kind.SCREENING,
        "group": {"people": 14, "adults": 2, "status": GroupRequest.Status.ACCEPTED},
        "access_needs": "Un élève se déplace en fauteuil.",
        "language": "fr",
    },
    {
        "name": "Secours populaire de Saint-Ouen",
        "kind": PartnerOrganisation.Kind.SOCIAL_SERVICE,
        "contact_name": "Karim Haddad",
        "email": "k.haddad@secours-saintouen.example",
        "phone": "01 40 44 55 66",
        "session_kind": Kind.WORKSHOP,
        "group": {"people": 6, "adults": 2, "status": GroupRequest.Status.PENDING},
        "access_needs": "",
        "language": "fr",
    },
]


def build_partner_groups(builder) -> None:
    series = WorkshopPage.objects.filter(is_series=True).values_list("pk", flat=True)
    upcoming = (
        Session.objects.filter(
            kind__in=(Kind.SCREENING, Kind.WORKSHOP),
            status=Session.Status.SCHEDULED,
            start__gt=timezone.now(),
        )
        .exclude(page_id__in=series)  # a series' group asks for its first session only
        .order_by("start", "pk")
    )
    # Each group on a session of its own with room for it and nobody waiting, as staff
    # would accept it (the matinee season's first session is full on purpose).
    placed, taken = [], set()
    for item in PARTNERS:
        size = item["group"]["people"] + item["group"]["adults"]
        session = next(
            (
                s
                for s in upcoming
                if s.kind == item["session_kind"]
                and s.pk not in taken
                and s.waiting == 0
                and places_left(s) >= size
            ),
            None,
        )
        if session is not None:
            taken.add(session.pk)
            placed.append((item, session))
    made = 0
    for item, session in placed:
        organisation, _created = PartnerOrganisation.objects.get_or_create(
            name=item["name"],
            defaults={
                "kind": item["kind"],
                "contact_name": item["contact_name"],
                "email": item["email"],
                "phone": item["phone"],
            },
        )
        if organisation.group_requests.exists():
            continue
        GroupRequest.objects.create(
            session=session,
            organisation=organisation,
            organisation_name=organisation.name,
            contact_name=item["contact_name"],
            email=item["email"],
            phone=item["phone"],
            access_needs=item["access_needs"],
            language=item["language"],
            decided_at=timezone.now()
            if item["group"]["status"] == GroupRequest.Status.ACCEPTED
            else None,
            **item["group"],
        )
        session_counters_sync(session_id=session.pk)
        made += 1
    builder.log(f"Partner groups: {made} made, {len(PARTNERS)} partner organisations")
