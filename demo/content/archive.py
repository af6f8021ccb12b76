"""The archive's texts: six documentary capsules and two recorded talks, French first.

Each transcript is a list of ``(french, english)`` lines; the captions are made from
the same lines, one cue each.
"""

ARCHIVE_INDEX = {
    "slug": ("archives", "archive"),
    "title": ("Archives", "Archive"),
    "seo": (
        "Capsules documentaires et rencontres enregistrées à la fabrique.",
        "Documentary capsules and talks recorded at the fabrique.",
    ),
    "introduction": (
        "Des capsules de trois à cinq minutes : la parole des ouvrières et des ouvriers "
        "de Saint-Ouen sur des images d’archives de l’industrie locale, et les rencontres "
        "enregistrées à la fabrique.",
        "Three- to five-minute capsules: the words of Saint-Ouen's factory workers set "
        "against archive footage of local industry, and the talks recorded at the fabrique.",
    ),
}

CAPSULES = [
    {
        "slug": ("la-chaine-des-piles", "the-battery-line"),
        "title": ("La chaîne des piles", "The battery line"),
        "kind": "capsule",
        "summary": (
            "Monique a monté des piles pendant vingt ans ; elle raconte la cadence et les copines.",
            "Monique assembled batteries for twenty years; she talks about the pace and "
            "her friends on the line.",
        ),
        "footage": (1958, 1972),
        "production_year": 2024,
        "themes": (["Travail des femmes", "Cadences"], ["Women's work", "Pace of work"]),
        "places": (["Saint-Ouen"], ["Saint-Ouen"]),
        "trades": (["Usine de piles", "Montage"], ["Battery factory", "Assembly"]),
        "transcript": [
            (
                "Je suis entrée à l’usine à seize ans, en 1958.",
                "I started at the factory at sixteen, in 1958.",
            ),
            (
                "On montait les piles à la main, des milliers par jour.",
                "We put the batteries together by hand, thousands a day.",
            ),
            ("Le chef passait avec son chronomètre.", "The foreman came by with his stopwatch."),
            (
                "Ce qui nous tenait, c’étaient les copines.",
                "What kept us going was the other girls.",
            ),
        ],
        "credits": (
            "Réalisation : Lina Ferreira\nMontage : Yanis Haddad\n"
            "Archives : fonds municipal de Saint-Ouen",
            "Directed by Lina Ferreira\nEdited by Yanis Haddad\n"
            "Archive footage: Saint-Ouen municipal collection",
        ),
        "licence": "cc-by-nc-nd",
    },
    {
        "slug": ("le-bruit-des-presses", "the-noise-of-the-presses"),
        "title": ("Le bruit des presses", "The noise of the presses"),
        "kind": "capsule",
        "summary": (
            "Un ancien régleur se souvient de l’atelier d’emboutissage et du bruit qui "
            "ne le quitte plus.",
            "A former press setter remembers the stamping shop and the noise that never left him.",
        ),
        "footage": (1965, 1981),
        "production_year": 2024,
        "themes": (["Santé au travail", "Cadences"], ["Health at work", "Pace of work"]),
        "places": (["Saint-Ouen", "Les Docks"], ["Saint-Ouen", "The Docks"]),
        "trades": (["Emboutissage", "Régleur"], ["Metal stamping", "Press setter"]),
        "transcript": [
            ("Les presses tapaient toute la journée.", "The presses pounded all day long."),
            (
                "On ne portait pas de protection, on ne savait pas.",
                "We wore no ear protection; we didn't know.",
            ),
            ("Aujourd’hui encore, je l’entends la nuit.", "Even today, I hear it at night."),
        ],
        "credits": (
            "Réalisation : Yanis Haddad\nSon : Lina Ferreira",
            "Directed by Yanis Haddad\nSound: Lina Ferreira",
        ),
        "licence": "cc-by-nc-nd",
    },
    {
        "slug": ("greve-de-1936", "the-1936-strike"),
        "title": ("Occuper l’usine, 1936", "Occupying the factory, 1936"),
        "kind": "capsule",
        "summary": (
            "La fille d’une gréviste lit les lettres de sa mère, sur les photos de l’occupation.",
            "A striker's daughter reads her mother's letters over photographs of the occupation.",
        ),
        "footage": (1936, 1936),
        "production_year": 2025,
        "themes": (["Luttes sociales", "Travail des femmes"], ["Labour struggles", "Women's work"]),
        "places": (["Saint-Denis"], ["Saint-Denis"]),
        "trades": (["Métallurgie"], ["Metalworking"]),
        "transcript": [
            ("Ma mère avait dix-neuf ans en juin 1936.", "My mother was nineteen in June 1936."),
            (
                "Elles ont dormi dans l’atelier pendant douze jours.",
                "They slept in the workshop for twelve days.",
            ),
            (
                "Elle écrivait : nous avons gagné les congés.",
                "She wrote: we have won paid holidays.",
            ),
        ],
        "credits": (
            "Réalisation : Lina Ferreira\nLecture : Awa Diallo",
            "Directed by Lina Ferreira\nRead by Awa Diallo",
        ),
        "licence": "cc-by-sa",
    },
    {
        "slug": ("les-puces-du-dimanche", "sunday-at-the-flea-market"),
        "title": ("Les Puces du dimanche", "Sunday at the flea market"),
        "kind": "capsule",
        "summary": (
            "Un chiffonnier devenu brocanteur raconte le marché aux Puces, de la zone "
            "aux antiquaires.",
            "A rag-and-bone man turned second-hand dealer tells the story of the flea "
            "market, from the shanty zone to the antique dealers.",
        ),
        "footage": (1948, 1969),
        "production_year": 2025,
        "themes": (["Commerce", "Mémoire du quartier"], ["Trade", "Neighbourhood memory"]),
        "places": (["Saint-Ouen", "Les Puces"], ["Saint-Ouen", "The flea market"]),
        "trades": (["Chiffonnier", "Brocanteur"], ["Rag-and-bone man", "Second-hand dealer"]),
        "transcript": [
            ("Mon père ramassait les chiffons dans Paris.", "My father collected rags in Paris."),
            (
                "Le dimanche, tout le monde venait aux Puces.",
                "On Sundays, everyone came to the flea market.",
            ),
            (
                "On vendait de tout, même des clous rouillés.",
                "We sold everything, even rusty nails.",
            ),
        ],
        "credits": (
            "Réalisation : Awa Diallo\nMontage : Yanis Haddad",
            "Directed by Awa Diallo\nEdited by Yanis Haddad",
        ),
        "licence": "cc-by-nc-nd",
    },
    {
        "slug": ("les-docks-et-la-seine", "the-docks-and-the-seine"),
        "title": ("Les docks et la Seine", "The docks and the Seine"),
        "kind": "capsule",
        "summary": (
            "Un docker raconte le port de Saint-Ouen, le charbon et la fin des péniches.",
            "A docker tells of the port of Saint-Ouen, the coal, and the end of the barges.",
        ),
        "footage": (1952, 1978),
        "production_year": 2023,
        "themes": (
            ["Transport fluvial", "Mémoire du quartier"],
            ["River transport", "Neighbourhood memory"],
        ),
        "places": (["Les Docks", "La Seine"], ["The Docks", "The Seine"]),
        "trades": (["Docker", "Centrale thermique"], ["Docker", "Power station"]),
        "transcript": [
            (
                "Le charbon arrivait par péniches, toute la nuit.",
                "Coal came in by barge, all night long.",
            ),
            (
                "On déchargeait à la pelle, puis avec les grues.",
                "We unloaded by shovel, then with cranes.",
            ),
            (
                "Quand la centrale a fermé, le port s’est tu.",
                "When the power station closed, the port fell silent.",
            ),
        ],
        "credits": (
            "Réalisation : Yanis Haddad\nArchives : association Mémoire des Docks",
            "Directed by Yanis Haddad\nArchive footage: Mémoire des Docks association",
        ),
        "licence": "all-rights",
    },
    {
        "slug": ("apprentie-en-1990", "an-apprentice-in-1990"),
        "title": ("Apprentie en 1990", "An apprentice in 1990"),
        "kind": "capsule",
        "summary": (
            "La dernière apprentie de la chaudronnerie raconte la fermeture, et ce qu’elle "
            "a gardé du métier.",
            "The boiler shop's last apprentice talks about its closure and what she kept "
            "of the trade.",
        ),
        "footage": (1986, 1994),
        "production_year": 2025,
        "themes": (
            ["Travail des femmes", "Désindustrialisation"],
            ["Women's work", "Deindustrialisation"],
        ),
        "places": (["Saint-Ouen"], ["Saint-Ouen"]),
        "trades": (["Chaudronnerie", "Soudure"], ["Boilermaking", "Welding"]),
        "transcript": [
            ("J’étais la seule fille de l’atelier.", "I was the only girl in the workshop."),
            ("Deux ans après, l’usine fermait.", "Two years later, the factory closed."),
            ("Je soude encore, pour des sculpteurs.", "I still weld, for sculptors."),
        ],
        "credits": (
            "Réalisation : Awa Diallo\nImage : Lina Ferreira",
            "Directed by Awa Diallo\nCinematography: Lina Ferreira",
        ),
        "licence": "cc-by",
    },
    {
        "slug": ("rencontre-filmer-le-travail", "talk-filming-work"),
        "title": ("Rencontre : filmer le travail", "Talk: filming work"),
        "kind": "talk",
        "summary": (
            "Trois cinéastes de la fabrique parlent de la manière de filmer le travail "
            "et celles et ceux qui le font.",
            "Three of the fabrique's filmmakers discuss how to film work and the people who do it.",
        ),
        "footage": (None, None),
        "production_year": 2026,
        "themes": (
            ["Cinéma documentaire", "Travail des femmes"],
            ["Documentary film", "Women's work"],
        ),
        "places": (["Saint-Ouen"], ["Saint-Ouen"]),
        "trades": ([], []),
        "transcript": [
            ("Bonsoir, merci d’être venus si nombreux.", "Good evening, thank you all for coming."),
            ("Filmer le travail, c’est d’abord écouter.", "Filming work starts with listening."),
            (
                "On ne filme pas une machine, on filme un geste.",
                "You don't film a machine, you film a gesture.",
            ),
        ],
        "credits": (
            "Avec Lina Ferreira, Yanis Haddad et Awa Diallo\n"
            "Captation : équipe de la fabrique",
            "With Lina Ferreira, Yanis Haddad and Awa Diallo\nFilmed by the Fabrique team",
        ),
        "licence": "cc-by-nc-nd",
        "residents": 2,
    },
    {
        "slug": ("masterclass-etalonnage", "masterclass-colour-grading"),
        "title": ("Masterclass : étalonner des archives", "Masterclass: grading archive footage"),
        "kind": "masterclass",
        "summary": (
            "Comment rendre leurs couleurs à des images de 1960 sans les trahir : une "
            "étalonneuse montre son travail.",
            "How to bring back the colours of 1960 footage without betraying it: a colourist "
            "shows her work.",
        ),
        "footage": (1960, 1965),
        "production_year": 2026,
        "themes": (
            ["Post-production", "Cinéma documentaire"],
            ["Post-production", "Documentary film"],
        ),
        "places": (["Saint-Ouen"], ["Saint-Ouen"]),
        "trades": (["Étalonnage"], ["Colour grading"]),
        "transcript": [
            ("La pellicule a viré au magenta.", "The film stock has shifted to magenta."),
            ("On ne cherche pas à faire neuf.", "We are not trying to make it look new."),
            (
                "On cherche ce que voyait l’opérateur.",
                "We are looking for what the camera operator saw.",
            ),
        ],
        "credits": (
            "Avec Clémence Roy, étalonneuse\nCaptation : équipe de la fabrique",
            "With Clémence Roy, colourist\nFilmed by the Fabrique team",
        ),
        "licence": "cc-by-nc-nd",
        "residents": 1,
    },
]
