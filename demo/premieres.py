"""First showings in the demo: the page of the room lent to filmmakers with a request
awaiting the team's answer, and a resident's project with its premiere (accepted by
the team, its screening published). Each part is made once: running the seed again
changes nothing."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from events.models import ScreeningDirector
from premieres import rules, services
from premieres.models import PremiereProposal, RoomLoanPage, RoomRequest
from residents.models import ProjectPage

from .writers import upsert_page, upsert_translation

FR, EN = 0, 1
ROOM_PAGE = {
    "slug": ("salle-pretee", "room-lent"),
    "title": ("La salle prêtée aux cinéastes", "The room lent to filmmakers"),
    "introduction": (
        "Notre salle de 80 places est prêtée gratuitement pour la première projection "
        "d’un film, avant sa sortie.",
        "Our 80-seat room is lent free for the first showing of a film, before its release.",
    ),
    "conditions": (
        "<ul><li>Un film jamais montré en salle, court ou long.</li>"
        "<li>Une séance gratuite, ouverte à tous.</li>"
        "<li>Un essai technique la veille, avec notre projectionniste (DCP ou fichier).</li>"
        "<li>Une réponse sous trois semaines.</li></ul>",
        "<ul><li>A film never shown in a cinema, short or feature.</li>"
        "<li>A free screening, open to all.</li>"
        "<li>A technical check the day before, with our projectionist (DCP or file).</li>"
        "<li>An answer within three weeks.</li></ul>",
    ),
}


def build_premieres(builder) -> None:
    home_fr, _home_en = builder.pages["home"]
    fields = [
        {
            "title": ROOM_PAGE["title"][lang],
            "introduction": ROOM_PAGE["introduction"][lang],
            "conditions": ROOM_PAGE["conditions"][lang],
            "show_in_menus": False,
        }
        for lang in (FR, EN)
    ]
    fr = upsert_page(home_fr, RoomLoanPage, slug=ROOM_PAGE["slug"][FR], fields=fields[FR])
    en = upsert_translation(fr, builder.en, slug=ROOM_PAGE["slug"][EN], fields=fields[EN])
    builder.pages["room"] = (fr, en)

    today = timezone.localdate()
    RoomRequest.objects.get_or_create(
        film_title="Les Rails",
        defaults={
            "director": "Inès Morel",
            "email": "ines.morel@example.org",
            "language": "fr",
            "wished_from": today + timedelta(days=45),
            "wished_until": today + timedelta(days=75),
            "runtime": 24,
            "expected_audience": 60,
            "needs_dcp": True,
            "needs_subtitles": True,
            "technical_notes": "Sous-titres anglais sur le DCP.",
        },
    )
    premiere = _premiere(builder, today)
    builder.log(f"First showings: the room page (fr + en), a room request, {premiere} premiere")


def _premiere(builder, today) -> int:
    """The first resident project ready for a premiere gets one, on a Friday evening
    three weeks ahead (the Wednesdays belong to the programme)."""
    residents = [fr for fr, _en in builder.residents.values()]
    project = next(
        (
            p
            for resident in residents
            for p in ProjectPage.objects.child_of(resident)
            if rules.can_propose_premiere(p.stage)
        ),
        None,
    )
    if project is None or PremiereProposal.objects.filter(project=project).exists():
        return 0
    proposal = PremiereProposal.objects.create(
        project=project,
        language="fr",
        wished_from=today + timedelta(days=14),
        wished_until=today + timedelta(days=35),
        runtime=26,
        needs_file=True,
        needs_subtitles=True,
    )
    friday = today + timedelta(days=21 + (4 - today.weekday()) % 7)
    start = timezone.make_aware(datetime.combine(friday, time(20, 0)))
    proposal = services.request_decide(
        request_obj=proposal, decision=services.Decision.ACCEPT, start=start, by_user=None
    )
    screening = proposal.screening
    screening.get_latest_revision().publish()
    project_en = project.get_translation(builder.en)
    resident_en = project_en.get_parent().specific
    upsert_translation(
        screening,
        builder.en,
        slug=project_en.slug,
        fields={
            "title": project_en.title,
            "film_title": project_en.title,
            "summary": project_en.logline,
            "synopsis": project_en.synopsis,
            "image_alt_text": project_en.image_alt_text,
        },
        children={"directors": [ScreeningDirector(name=resident_en.name, resident=resident_en)]},
    )
    return 1
