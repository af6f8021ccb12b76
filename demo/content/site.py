"""Home page, standard pages, venues, partners and the organisation's identity.

Body blocks are ``(block_type, value)`` pairs whose texts are ``(french, english)``;
``call_to_action`` blocks name a page of the demo by key ("programme", "about", ...).
"""

HOME = {
    "slug": ("accueil", "home"),
    "title": ("Fabrique, cinéma à Saint-Ouen", "Fabrique, a cinema workshop in Saint-Ouen"),
    "seo": (
        "Fabrique : fabrique de cinéma indépendant à Saint-Ouen. Projections gratuites le "
        "mercredi, ateliers jeunesse, formations post-production gratuites.",
        "Fabrique: an independent cinema workshop in Saint-Ouen. Free Wednesday screenings, "
        "youth workshops, free post-production training.",
    ),
    "introduction": (
        "Une fabrique de cinéma indépendant à Saint-Ouen : une trentaine de créatrices et "
        "créateurs en résidence, des projections gratuites chaque mercredi soir, des ateliers "
        "pour les jeunes et des formations à la post-production ouvertes à toutes et tous, "
        "sans diplôme.",
        "An independent cinema workshop in Saint-Ouen: some thirty resident creators, free "
        "screenings every Wednesday evening, workshops for young people and post-production "
        "training open to everyone, no diploma needed.",
    ),
    "donation_call": (
        "Les séances, les ateliers et les formations sont gratuits. Un don, même petit, "
        "nous aide à le rester.",
        "Screenings, workshops and training are free. A donation, however small, helps us "
        "keep them that way.",
    ),
    "body": [
        ("heading", ("Le mercredi, le cinéma est gratuit", "On Wednesdays, cinema is free")),
        (
            "paragraph",
            (
                "<p>Chaque mercredi à 20 h, nous montrons un film de la jeune création, "
                "souvent en présence de l’équipe. L’entrée est libre, sur réservation : "
                "les places réservées sont gardées jusqu’à 19 h 50.</p>",
                "<p>Every Wednesday at 8 pm we show a film by an emerging filmmaker, often "
                "with the team in the room. Entry is free, with a booking: booked seats are "
                "held until 7.50 pm.</p>",
            ),
        ),
        (
            "call_to_action",
            {
                "text": (
                    "Voir les prochaines séances, ateliers et formations.",
                    "See the next screenings, workshops and training modules.",
                ),
                "page": "programme",
                "link_text": ("Le programme", "The programme"),
            },
        ),
        (
            "quote",
            {
                "text": (
                    "Ici, on peut écrire le matin, tourner l’après-midi et montrer son film "
                    "le mercredi soir à ses voisins.",
                    "Here you can write in the morning, shoot in the afternoon and show your "
                    "film to your neighbours on Wednesday night.",
                ),
                "attribution": (
                    "Inès Moreau, résidente de la fabrique",
                    "Inès Moreau, resident filmmaker at Fabrique",
                ),
            },
        ),
    ],
}

PROGRAMME_INDEX = {
    "slug": ("programme", "programme"),
    "title": ("Programme", "Programme"),
    "seo": (
        "Toutes les séances gratuites du mercredi, les ateliers jeunesse et les formations "
        "de la Fabrique, à Saint-Ouen.",
        "All of Fabrique's free Wednesday screenings, youth workshops and training modules, "
        "in Saint-Ouen.",
    ),
    "introduction": (
        "Projections du mercredi, ateliers pour les 6-17 ans et formations gratuites à la "
        "post-production : tout est gratuit, sur réservation ou inscription.",
        "Wednesday screenings, workshops for ages 6 to 17 and free post-production training: "
        "everything is free, with a booking or a registration.",
    ),
}

RESIDENT_INDEX = {
    "slug": ("residents", "residents"),
    "title": ("Résidents", "Residents"),
    "seo": (
        "Les créatrices et créateurs en résidence à la Fabrique : réalisation, production, "
        "son, montage, animation, distribution.",
        "The creators in residence at Fabrique: directing, production, sound, editing, "
        "animation, distribution.",
    ),
    "introduction": (
        "Une trentaine de créatrices et créateurs travaillent à la Fabrique, de l’écriture à "
        "la diffusion. Voici quelques-uns d’entre eux et les projets qu’ils portent.",
        "Some thirty creators work at Fabrique, from writing to distribution. Here are some "
        "of them and the projects they are working on.",
    ),
}

ORGANISATION = {
    "name": "Fabrique",
    "legal_name": "Association Fabrique de cinéma",
    "street_address": "12 rue du Docteur-Bauer",
    "postal_code": "93400",
    "city": "Saint-Ouen-sur-Seine",
    "email": "bonjour@fabrique.example",
    "phone": "+33 1 40 00 00 00",
    "mastodon_url": "https://mastodon.example/@fabrique",
    "vimeo_url": "https://vimeo.com/fabrique-demo",
    "booking_terms_summary": (
        "<p>Les séances sont <b>gratuites</b>. Une réservation garde votre place jusqu’à "
        "19 h 50 ; annulez-la si vous ne venez pas, quelqu’un sur la liste d’attente en "
        "profitera.</p>"
    ),
    "booking_terms_summary_en": (
        "<p>Screenings are <b>free</b>. A booking holds your seat until 7.50 pm; cancel "
        "it if you cannot come, and someone on the waiting list will have it.</p>"
    ),
}

VENUES = [
    {
        "key": "salle",
        "name": ("Fabrique — grande salle", "Fabrique — main screening room"),
        "street_address": "12 rue du Docteur-Bauer",
        "postal_code": "93400",
        "city": "Saint-Ouen-sur-Seine",
        "access": (
            "Métro ligne 13 ou 14, station Mairie de Saint-Ouen (5 min à pied). Bus 85 et "
            "137. Arceaux vélo devant l’entrée. Entrée par la cour, porte vitrée.",
            "Metro line 13 or 14, Mairie de Saint-Ouen station (5 min walk). Buses 85 and "
            "137. Bike racks in front of the entrance. Enter through the courtyard, glass door.",
        ),
        "accessibility": (
            "Accès de plain-pied, 4 places pour fauteuil roulant, boucle magnétique, "
            "toilettes accessibles au rez-de-chaussée.",
            "Step-free access, 4 wheelchair places, hearing loop, accessible toilets on the "
            "ground floor.",
        ),
    },
    {
        "key": "studio",
        "name": ("Fabrique — studio de post-production", "Fabrique — post-production studio"),
        "street_address": "12 rue du Docteur-Bauer",
        "postal_code": "93400",
        "city": "Saint-Ouen-sur-Seine",
        "access": (
            "Même adresse que la grande salle, bâtiment B, 1er étage. Sonnez « Studio ».",
            "Same address as the main room, building B, first floor. Ring “Studio”.",
        ),
        "accessibility": (
            "Ascenseur jusqu’au 1er étage, postes de travail réglables en hauteur.",
            "Lift to the first floor, height-adjustable workstations.",
        ),
    },
    {
        "key": "maison",
        "name": ("Maison de quartier des Puces", "Maison de quartier des Puces"),
        "street_address": "5 rue Marie-Curie",
        "postal_code": "93400",
        "city": "Saint-Ouen-sur-Seine",
        "access": (
            "Métro ligne 4, station Porte de Clignancourt, puis 8 min à pied. Bus 85.",
            "Metro line 4, Porte de Clignancourt station, then an 8 min walk. Bus 85.",
        ),
        "accessibility": (
            "Rampe à l’entrée, salle d’activité au rez-de-chaussée, toilettes accessibles.",
            "Ramp at the entrance, activity room on the ground floor, accessible toilets.",
        ),
    },
]

PARTNERS = [
    {
        "key": "festival",
        "kind": "festival",
        "name": ("Festival Courts du Canal", "Courts du Canal Festival"),
        "website": "https://courts-du-canal.example",
        "description": (
            "Festival de courts métrages de Seine-Saint-Denis ; il présente chaque année "
            "à la Fabrique une sélection de films de jeunes réalisatrices et réalisateurs.",
            "A short film festival in Seine-Saint-Denis; each year it brings a selection of "
            "films by young directors to Fabrique.",
        ),
    },
    {
        "key": "school",
        "kind": "school",
        "name": ("École Pleyel de post-production", "Pleyel School of Post-production"),
        "website": "https://ecole-pleyel.example",
        "description": (
            "École des métiers de l’image et du son ; ses formateurs animent avec nous les "
            "modules gratuits de post-production.",
            "A school for picture and sound trades; its trainers run our free "
            "post-production modules with us.",
        ),
    },
    {
        "key": "social",
        "kind": "social",
        "name": ("Association Passerelles Saint-Ouen", "Passerelles Saint-Ouen"),
        "website": "https://passerelles-saint-ouen.example",
        "description": (
            "Association d’éducation populaire du quartier des Puces ; elle accueille nos "
            "ateliers et accompagne les familles.",
            "A community education association in the Puces neighbourhood; it hosts our "
            "workshops and supports families.",
        ),
    },
]

STANDARD_PAGES = [
    {
        "key": "about",
        "slug": ("a-propos", "about"),
        "title": ("À propos", "About us"),
        "menu": True,
        "seo": (
            "La Fabrique, lieu de création et de diffusion du cinéma indépendant à "
            "Saint-Ouen : résidences, projections, éducation à l’image.",
            "Fabrique, a place for making and showing independent cinema in Saint-Ouen: "
            "residencies, screenings, film education.",
        ),
        "introduction": (
            "2 600 m² dédiés au cinéma, de l’idée à la première projection.",
            "2,600 m² devoted to cinema, from the first idea to the first screening.",
        ),
        "body": [
            ("heading", ("Un lieu de fabrication", "A place where films are made")),
            (
                "paragraph",
                (
                    "<p>Installée dans une ancienne usine de pièces détachées, la Fabrique "
                    "accueille une trentaine de créatrices et créateurs : réalisation, "
                    "production, son, montage, animation, distribution. Ils partagent des "
                    "bureaux, une salle de projection, un studio de post-production et "
                    "beaucoup de café.</p>",
                    "<p>Housed in a former spare-parts factory, Fabrique is home to some "
                    "thirty creators: directors, producers, sound designers, editors, "
                    "animators, distributors. They share offices, a screening room, a "
                    "post-production studio and a lot of coffee.</p>",
                ),
            ),
            ("heading", ("Ouvert sur le quartier", "Open to the neighbourhood")),
            (
                "paragraph",
                (
                    "<p>Le mercredi soir, la salle est ouverte à toutes et tous, "
                    "gratuitement. Avec les écoles, les centres sociaux et les associations "
                    "de Saint-Ouen, nous proposons des ateliers d’éducation à l’image et "
                    "des formations gratuites pour celles et ceux qui veulent faire du "
                    "cinéma leur métier, sans condition de diplôme.</p>",
                    "<p>On Wednesday evenings the room is open to everyone, free of charge. "
                    "With schools, community centres and associations in Saint-Ouen we run "
                    "film education workshops and free training for anyone who wants to "
                    "work in film, with no diploma required.</p>",
                ),
            ),
            ("image", {"image": "about", "alt_text": (
                "Illustration abstraite : un soleil couchant sur des toits d’usine.",
                "Abstract illustration: a sun setting over factory roofs.",
            ), "caption": ("La Fabrique au crépuscule", "Fabrique at dusk")}),
            ("heading", ("Les capsules du patrimoine industriel",
                         "Short films on industrial heritage")),
            (
                "paragraph",
                (
                    "<p>Nos résidents réalisent aussi de courtes capsules documentaires "
                    "de trois à cinq minutes : témoignages d’anciens ouvriers, images "
                    "d’archives d’entreprises, gestes de métiers qui disparaissent.</p>",
                    "<p>Our residents also make short documentary capsules of three to five "
                    "minutes: testimonies of former factory workers, company archive "
                    "footage, crafts that are disappearing.</p>",
                ),
            ),
            (
                "call_to_action",
                {
                    "text": ("Rencontrer les résidents.", "Meet the residents."),
                    "page": "residents",
                    "link_text": ("Les résidents", "Residents"),
                },
            ),
        ],
    },
    {
        "key": "venue",
        "slug": ("lieu-et-acces", "venue-and-access"),
        "title": ("Lieu et accès", "Venue and access"),
        "menu": True,
        "seo": (
            "Comment venir à la Fabrique, à Saint-Ouen : métro, bus, vélo, accès en fauteuil "
            "roulant, boucle magnétique.",
            "How to get to Fabrique in Saint-Ouen: metro, bus, bicycle, wheelchair access, "
            "hearing loop.",
        ),
        "introduction": (
            "12 rue du Docteur-Bauer, 93400 Saint-Ouen-sur-Seine.",
            "12 rue du Docteur-Bauer, 93400 Saint-Ouen-sur-Seine, France.",
        ),
        "body": [
            ("heading", ("Venir", "Getting here")),
            (
                "paragraph",
                (
                    "<ul><li>Métro 13 et 14 : Mairie de Saint-Ouen.</li><li>Bus 85 et 137 : "
                    "arrêt Docteur-Bauer.</li><li>Vélo : arceaux devant l’entrée.</li></ul>",
                    "<ul><li>Metro 13 and 14: Mairie de Saint-Ouen.</li><li>Buses 85 and "
                    "137: Docteur-Bauer stop.</li><li>Bicycle: racks in front of the "
                    "entrance.</li></ul>",
                ),
            ),
            ("heading", ("Accessibilité", "Accessibility")),
            (
                "paragraph",
                (
                    "<p>La grande salle est de plain-pied et compte quatre places pour "
                    "fauteuil roulant ; elle est équipée d’une boucle magnétique. Dites-nous "
                    "en réservant si vous avez besoin d’une place adaptée : nous la gardons "
                    "pour vous.</p>",
                    "<p>The main room is step-free and has four wheelchair places; it is "
                    "fitted with a hearing loop. Tell us when you book if you need an "
                    "accessible place: we will keep it for you.</p>",
                ),
            ),
        ],
    },
    {
        "key": "accessibility",
        "slug": ("declaration-d-accessibilite", "accessibility-statement"),
        "title": ("Déclaration d’accessibilité", "Accessibility statement"),
        "menu": False,
        "seo": (
            "Déclaration d’accessibilité du site de la Fabrique (RGAA 4.1, WCAG 2.2 AA).",
            "Accessibility statement for the Fabrique website (RGAA 4.1, WCAG 2.2 AA).",
        ),
        "introduction": (
            "La Fabrique s’engage à rendre son site accessible, conformément à l’article 47 "
            "de la loi du 11 février 2005.",
            "Fabrique is committed to making its website accessible, in line with article 47 "
            "of the French law of 11 February 2005.",
        ),
        "body": [
            ("heading", ("État de conformité", "Compliance status")),
            (
                "paragraph",
                (
                    "<p>Ce site vise la conformité au RGAA 4.1 (niveau AA des WCAG 2.2). "
                    "Un audit est prévu ; en attendant, le site est déclaré "
                    "<b>partiellement conforme</b>.</p>",
                    "<p>This site aims to comply with RGAA 4.1 (WCAG 2.2 level AA). An audit "
                    "is planned; until then, the site is declared <b>partially "
                    "compliant</b>.</p>",
                ),
            ),
            ("heading", ("Nous signaler un problème", "Reporting a problem")),
            (
                "paragraph",
                (
                    "<p>Si vous ne parvenez pas à accéder à un contenu ou à un service, "
                    "écrivez à <a href=\"mailto:bonjour@fabrique.example\">"
                    "bonjour@fabrique.example</a> : nous vous répondrons et vous proposerons "
                    "une autre façon d’y accéder. Vous pouvez aussi saisir le Défenseur des "
                    "droits.</p>",
                    "<p>If you cannot reach some content or a service, write to "
                    "<a href=\"mailto:bonjour@fabrique.example\">bonjour@fabrique.example</a>: "
                    "we will answer and offer another way to access it. You may also contact "
                    "the Défenseur des droits.</p>",
                ),
            ),
        ],
    },
    {
        "key": "legal",
        "slug": ("mentions-legales", "legal-notice"),
        "title": ("Mentions légales", "Legal notice"),
        "menu": False,
        "seo": (
            "Mentions légales du site de la Fabrique.",
            "Legal notice of the Fabrique website.",
        ),
        "introduction": ("Éditeur, hébergement et crédits.", "Publisher, hosting and credits."),
        "body": [
            ("heading", ("Éditeur", "Publisher")),
            (
                "paragraph",
                (
                    "<p>Association Fabrique de cinéma, association loi 1901, 12 rue du "
                    "Docteur-Bauer, 93400 Saint-Ouen-sur-Seine. Directrice de la "
                    "publication : la présidente de l’association.</p>",
                    "<p>Association Fabrique de cinéma, a French non-profit association, "
                    "12 rue du Docteur-Bauer, 93400 Saint-Ouen-sur-Seine. Publication "
                    "director: the chair of the association.</p>",
                ),
            ),
            ("heading", ("Hébergement", "Hosting")),
            (
                "paragraph",
                (
                    "<p>Le site est hébergé en France par un hébergeur associatif. Il "
                    "n’utilise aucun service tiers : polices, images et vidéos sont servies "
                    "par le site lui-même.</p>",
                    "<p>The site is hosted in France by a non-profit host. It uses no "
                    "third-party service: fonts, images and videos are served by the site "
                    "itself.</p>",
                ),
            ),
        ],
    },
    {
        "key": "privacy",
        "slug": ("politique-de-confidentialite", "privacy-policy"),
        "title": ("Politique de confidentialité", "Privacy policy"),
        "menu": False,
        "seo": (
            "Quelles données la Fabrique collecte, pourquoi, combien de temps, et vos droits.",
            "What data Fabrique collects, why, for how long, and your rights.",
        ),
        "introduction": (
            "Nous collectons le minimum, ne vendons rien et n’utilisons aucun traceur.",
            "We collect the minimum, sell nothing and use no trackers.",
        ),
        "body": [
            ("heading", ("Ce que nous collectons", "What we collect")),
            (
                "paragraph",
                (
                    "<ul><li>Réservation : nom, adresse e-mail, nombre de places.</li>"
                    "<li>Atelier jeunesse : prénom et âge de l’enfant, coordonnées du "
                    "responsable légal, autorisations (participation, photos).</li>"
                    "<li>Formation : candidature et motivations.</li></ul>",
                    "<ul><li>Booking: name, email address, number of seats.</li>"
                    "<li>Youth workshop: the child's first name and age, the guardian's "
                    "contact details, consents (participation, photos).</li>"
                    "<li>Training: application and motivation.</li></ul>",
                ),
            ),
            ("heading", ("Combien de temps", "How long")),
            # The figure comes from the setting the anonymisation applies, never typed.
            ("retention_period", None),
        ],
    },
    {
        "key": "booking_terms",
        "slug": ("conditions-de-reservation", "booking-terms"),
        "title": ("Conditions de réservation", "Booking terms"),
        "menu": False,
        "seo": (
            "Conditions de réservation des séances gratuites, ateliers et formations de la "
            "Fabrique.",
            "Booking terms for Fabrique's free screenings, workshops and training modules.",
        ),
        "introduction": (
            "Tout est gratuit ; une réservation est un engagement à venir, ou à annuler.",
            "Everything is free; a booking is a promise to come, or to cancel.",
        ),
        "body": [
            ("heading", ("Séances du mercredi", "Wednesday screenings")),
            (
                "paragraph",
                (
                    "<p>Quatre places au plus par réservation. Les places réservées sont "
                    "gardées jusqu’à 19 h 50, puis proposées aux personnes présentes. "
                    "Quand une séance est complète, inscrivez-vous sur la liste d’attente : "
                    "nous vous écrivons dès qu’une place se libère.</p>",
                    "<p>At most four seats per booking. Booked seats are held until "
                    "7.50 pm, then offered to people at the door. When a screening is full, "
                    "join the waiting list: we write to you as soon as a seat frees up.</p>",
                ),
            ),
            ("heading", ("Ateliers et formations", "Workshops and training")),
            (
                "paragraph",
                (
                    "<p>L’inscription d’un enfant est faite par son responsable légal. Pour "
                    "les formations, une commission examine les candidatures après la date "
                    "limite ; aucun diplôme n’est demandé.</p>",
                    "<p>A child is registered by their parent or guardian. For training "
                    "modules, a panel reviews applications after the deadline; no diploma "
                    "is required.</p>",
                ),
            ),
        ],
    },
]
