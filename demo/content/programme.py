"""Films for the Wednesday screenings, youth workshops and training modules.

There are more films than Wednesdays: the seed chooses which eight are shown, in
which order, and which of them were directed by a resident of the Fabrique (the
resident then replaces the director named here, unless ``resident_ok`` is False).
"""

FILMS = [
    {
        "slug": ("les-bruits-du-canal", "the-sounds-of-the-canal"),
        "title": ("Les Bruits du canal", "The Sounds of the Canal"),
        "original_title": "",
        "year": 2024,
        "country": ("France", "France"),
        "runtime": 78,
        "version": "vf",
        "age_guidance": ("Tout public", "All ages"),
        "director": "Anaïs Delcourt",
        "summary": (
            "Un été le long du canal Saint-Denis, raconté par ceux qui y pêchent, y "
            "courent et y travaillent.",
            "A summer along the Saint-Denis canal, told by the people who fish, run and "
            "work there.",
        ),
        "synopsis": (
            "<p>De juin à septembre, une preneuse de son arpente les berges du canal. "
            "Pêcheurs, éclusiers, coureuses du dimanche : chacun raconte ce qu’il entend. "
            "Un documentaire <i>à écouter</i> autant qu’à voir.</p>",
            "<p>From June to September, a sound recordist walks the banks of the canal. "
            "Anglers, lock-keepers, Sunday runners: each describes what they hear. A "
            "documentary to <i>listen to</i> as much as to watch.</p>",
        ),
        "note": ("Suivie d’une rencontre avec l’équipe", "Followed by a Q&A with the team"),
    },
    {
        "slug": ("la-derniere-equipe", "the-last-shift"),
        "title": ("La Dernière Équipe", "The Last Shift"),
        "original_title": "",
        "year": 2023,
        "country": ("France", "France"),
        "runtime": 64,
        "version": "vf",
        "age_guidance": ("À partir de 10 ans", "From 10"),
        "director": "Hugo Martel",
        "summary": (
            "Les dernières semaines d’une usine de pièces détachées, filmées par le fils "
            "d’un contremaître.",
            "The last weeks of a spare-parts factory, filmed by a foreman's son.",
        ),
        "synopsis": (
            "<p>Quand l’usine ferme, il reste les gestes. Pendant six semaines, le "
            "réalisateur filme l’équipe de nuit de son père, entre archives familiales "
            "et images d’entreprise retrouvées dans un placard.</p>",
            "<p>When the factory closes, the gestures remain. For six weeks the director "
            "films his father's night shift, mixing family footage with company films "
            "found in a cupboard.</p>",
        ),
        "note": ("Précédée d’une capsule du patrimoine industriel",
                 "Preceded by an industrial heritage capsule"),
    },
    {
        "slug": ("sous-le-peripherique", "under-the-ring-road"),
        "title": ("Sous le périphérique", "Under the Ring Road"),
        "original_title": "",
        "year": 2025,
        "country": ("France", "France"),
        "runtime": 92,
        "version": "vf",
        "age_guidance": ("À partir de 12 ans", "From 12"),
        "director": "Yasmine Cherif",
        "summary": (
            "Une fiction tournée en douze nuits, sous le périphérique, avec des habitants "
            "de la porte de Clignancourt.",
            "A fiction film shot over twelve nights under the ring road, with residents of "
            "Porte de Clignancourt.",
        ),
        "synopsis": (
            "<p>Maya, dix-sept ans, cherche son frère qui n’est pas rentré. Une nuit "
            "d’errance entre les piliers de béton, les marchands de sommeil et les "
            "terrains de foot éclairés.</p>",
            "<p>Maya, seventeen, is looking for her brother, who has not come home. A "
            "night of wandering between concrete pillars, slum landlords and floodlit "
            "football pitches.</p>",
        ),
        "note": ("En présence de la réalisatrice", "With the director in attendance"),
    },
    {
        "slug": ("quatre-saisons-a-bamako", "four-seasons-in-bamako"),
        "title": ("Quatre saisons à Bamako", "Four Seasons in Bamako"),
        "original_title": "Kalo naani Bamako",
        "year": 2023,
        "country": ("Mali, France", "Mali, France"),
        "runtime": 85,
        "version": "vostfr",
        "age_guidance": ("Tout public", "All ages"),
        "director": "Aminata Keïta",
        "summary": (
            "Une année dans l’atelier d’une couturière de Bamako, entre commandes de "
            "mariage et coupures de courant.",
            "A year in a Bamako dressmaker's workshop, between wedding orders and power cuts.",
        ),
        "synopsis": (
            "<p>Dans son atelier du quartier de Médina Coura, Fatoumata coud pour les "
            "mariages, les baptêmes et les enterrements. Le film suit une année de "
            "commandes, de coupures de courant et d’apprenties.</p>",
            "<p>In her workshop in the Médina Coura district, Fatoumata sews for weddings, "
            "christenings and funerals. The film follows a year of orders, power cuts and "
            "apprentices.</p>",
        ),
        "note": ("", ""),
    },
    {
        "slug": ("le-bal-des-machines", "the-machines-ball"),
        "title": ("Le Bal des machines", "The Machines' Ball"),
        "original_title": "",
        "year": 2024,
        "country": ("France", "France"),
        "runtime": 52,
        "version": "vf",
        "age_guidance": ("Tout public, dès 6 ans", "All ages, from 6"),
        "director": "Paul Vasseur",
        "summary": (
            "Un film d’animation en papier découpé : la nuit, les machines d’une usine "
            "désaffectée se mettent à danser.",
            "A cut-out animation film: at night, the machines of an empty factory start "
            "to dance.",
        ),
        "synopsis": (
            "<p>Une presse, un tour et une vieille pointeuse organisent un dernier bal "
            "avant la démolition. Animé image par image à la Fabrique, avec des "
            "enfants du quartier pour les voix.</p>",
            "<p>A press, a lathe and an old time clock throw one last ball before the "
            "demolition. Animated frame by frame at Fabrique, with children from the "
            "neighbourhood voicing the characters.</p>",
        ),
        "note": ("Séance familles", "Family screening"),
    },
    {
        "slug": ("ce-qui-reste-de-l-ete", "what-remains-of-summer"),
        "title": ("Ce qui reste de l’été", "What Remains of Summer"),
        "original_title": "",
        "year": 2025,
        "country": ("France, Belgique", "France, Belgium"),
        "runtime": 97,
        "version": "vf",
        "age_guidance": ("À partir de 14 ans", "From 14"),
        "director": "Margot Lemaire",
        "summary": (
            "Trois sœurs vident la maison de leur mère, à Dunkerque, le dernier week-end "
            "d’août.",
            "Three sisters empty their mother's house in Dunkirk on the last weekend of "
            "August.",
        ),
        "synopsis": (
            "<p>Il faut tout trier avant lundi. Entre les cartons, les sœurs retrouvent "
            "des cassettes vidéo que leur mère tournait en cachette. Un premier long "
            "métrage tendre et drôle.</p>",
            "<p>Everything has to be sorted by Monday. Among the boxes, the sisters find "
            "videotapes their mother shot in secret. A tender, funny first feature.</p>",
        ),
        "note": ("Suivie d’une rencontre", "Followed by a Q&A"),
    },
    {
        "slug": ("les-veilleurs", "the-watchers"),
        "title": ("Les Veilleurs", "The Watchers"),
        "original_title": "Los que velan",
        "year": 2024,
        "country": ("Chili", "Chile"),
        "runtime": 81,
        "version": "vostfr",
        "age_guidance": ("À partir de 12 ans", "From 12"),
        "director": "Valentina Soto",
        "summary": (
            "Dans le désert d’Atacama, les gardiens d’un observatoire et leurs nuits "
            "sans fin.",
            "In the Atacama desert, the caretakers of an observatory and their endless nights.",
        ),
        "synopsis": (
            "<p>Ils ne regardent pas les étoiles : ils surveillent ceux qui les regardent. "
            "Un documentaire contemplatif sur le travail de nuit, au bout du monde.</p>",
            "<p>They don't watch the stars: they look after those who do. A "
            "contemplative documentary about night work at the end of the world.</p>",
        ),
        "note": ("", ""),
    },
    {
        "slug": ("carte-blanche-courts-du-canal", "carte-blanche-courts-du-canal"),
        "title": (
            "Carte blanche au festival Courts du Canal",
            "Carte blanche: Courts du Canal Festival",
        ),
        "original_title": "",
        "year": 2025,
        "country": ("France", "France"),
        "runtime": 75,
        "version": "vostfr",
        "age_guidance": ("À partir de 12 ans", "From 12"),
        "director": "Réalisateurs et réalisatrices divers",
        "resident_ok": False,
        "summary": (
            "Six courts métrages primés au festival Courts du Canal, présentés par son "
            "équipe de sélection.",
            "Six award-winning short films from the Courts du Canal festival, introduced by "
            "its selection team.",
        ),
        "synopsis": (
            "<p>Fiction, documentaire, animation : six films de moins de vingt minutes, "
            "choisis parmi les 900 reçus cette année.</p>",
            "<p>Fiction, documentary, animation: six films under twenty minutes, chosen "
            "from the 900 submitted this year.</p>",
        ),
        "note": ("Présentée par le festival", "Introduced by the festival"),
    },
    {
        "slug": ("main-d-oeuvre", "handiwork"),
        "title": ("Main-d’œuvre", "Handiwork"),
        "original_title": "",
        "year": 2023,
        "country": ("France, Suisse", "France, Switzerland"),
        "runtime": 58,
        "version": "vf",
        "age_guidance": ("Tout public", "All ages"),
        "director": "Bastien Royer",
        "summary": (
            "Skis, lunettes, jouets en bois : des archives d’entreprises du Jura "
            "rencontrent les gestes d’aujourd’hui.",
            "Skis, glasses, wooden toys: company archives from the Jura meet the gestures "
            "of today.",
        ),
        "synopsis": (
            "<p>Un montage d’archives audiovisuelles industrielles et de témoignages "
            "d’ouvriers d’aujourd’hui, tiré d’une série de capsules documentaires.</p>",
            "<p>A montage of industrial archive footage and testimonies of today's workers, "
            "drawn from a series of short documentary capsules.</p>",
        ),
        "note": ("Précédée d’une capsule du patrimoine industriel",
                 "Preceded by an industrial heritage capsule"),
    },
    {
        "slug": ("radio-saint-ouen", "radio-saint-ouen"),
        "title": ("Radio Saint-Ouen", "Radio Saint-Ouen"),
        "original_title": "",
        "year": 2025,
        "country": ("France", "France"),
        "runtime": 70,
        "version": "vf",
        "age_guidance": ("Tout public", "All ages"),
        "director": "Nordine Amrani",
        "summary": (
            "L’histoire d’une radio libre de Saint-Ouen, racontée par ses anciens animateurs.",
            "The story of a Saint-Ouen free radio station, told by its former presenters.",
        ),
        "synopsis": (
            "<p>En 1981, une bande de lycéens installe un émetteur sur le toit d’une tour. "
            "Quarante ans plus tard, ils rallument les micros pour une dernière "
            "émission.</p>",
            "<p>In 1981 a group of high-school students put a transmitter on the roof of a "
            "tower block. Forty years later they switch the microphones back on for one "
            "last show.</p>",
        ),
        "note": ("Suivie d’un concert", "Followed by a concert"),
    },
]

WORKSHOPS = [
    {
        "slug": ("atelier-stop-motion", "stop-motion-workshop"),
        "title": (
            "Atelier stop-motion : animer l’usine",
            "Stop-motion workshop: the factory comes alive",
        ),
        "summary": (
            "Quatre samedis matin pour écrire, fabriquer et animer un petit film image par "
            "image.",
            "Four Saturday mornings to write, build and animate a short frame-by-frame film.",
        ),
        "age": (8, 12),
        "audience": "young",
        "series": True,
        "partner": "social",
        "venue": "maison",
        "schedule": {"weekday": 5, "hour": 10, "minutes": 150, "count": 4, "weeks_ahead": 2},
        "places": 12,
        "what_to_bring": (
            "Des vêtements qui ne craignent rien et, si vous en avez, des petits objets "
            "à animer.",
            "Clothes that can get messy and, if you have them, small objects to animate.",
        ),
        "description": [
            (
                "paragraph",
                (
                    "<p>Les enfants inventent une histoire, fabriquent décors et personnages "
                    "en papier et en pâte à modeler, puis les animent avec une tablette. Le "
                    "film est projeté en salle le mercredi suivant.</p>",
                    "<p>The children invent a story, make sets and characters from paper and "
                    "modelling clay, then animate them with a tablet. The film is shown in "
                    "the cinema the following Wednesday.</p>",
                ),
            ),
            (
                "paragraph",
                (
                    "<ul><li>Samedi 1 : l’histoire et le story-board</li><li>Samedi 2 : "
                    "décors et personnages</li><li>Samedi 3 : tournage image par image</li>"
                    "<li>Samedi 4 : bruitages et générique</li></ul>",
                    "<ul><li>Saturday 1: story and storyboard</li><li>Saturday 2: sets and "
                    "characters</li><li>Saturday 3: frame-by-frame shooting</li>"
                    "<li>Saturday 4: sound effects and credits</li></ul>",
                ),
            ),
        ],
    },
    {
        "slug": ("atelier-bruitage", "foley-workshop"),
        "title": ("Atelier bruitage", "Foley workshop"),
        "summary": (
            "Faire la pluie avec du gros sel, un cheval avec deux noix de coco : une "
            "après-midi pour découvrir le bruitage.",
            "Rain from coarse salt, a horse from two coconuts: an afternoon discovering "
            "foley.",
        ),
        "age": (10, 14),
        "audience": "young",
        "series": False,
        "partner": "",
        "venue": "studio",
        "schedule": {"weekday": 2, "hour": 14, "minutes": 150, "count": 1, "weeks_ahead": 1},
        "places": 10,
        "what_to_bring": ("Rien : tout est fourni.", "Nothing: everything is provided."),
        "description": [
            (
                "paragraph",
                (
                    "<p>Avec un bruiteur résident, les participants refont la bande son d’un "
                    "extrait de film avec des objets du quotidien, au studio de "
                    "post-production.</p>",
                    "<p>With a resident foley artist, participants remake the soundtrack of "
                    "a film clip using everyday objects, in the post-production studio.</p>",
                ),
            )
        ],
    },
    {
        "slug": ("cine-gouter-critiques-en-herbe", "film-and-snack-young-critics"),
        "title": ("Ciné-goûter : critiques en herbe", "Film and snack: young critics"),
        "summary": (
            "Un court métrage, un goûter et une discussion : apprendre à dire ce qu’on a "
            "vu, en famille.",
            "A short film, a snack and a discussion: learning to talk about what we saw, "
            "as a family.",
        ),
        "age": (6, 10),
        "audience": "families",
        "series": False,
        "partner": "social",
        "venue": "salle",
        "schedule": {"weekday": 6, "hour": 15, "minutes": 120, "count": 1, "weeks_ahead": 3},
        "places": 30,
        "what_to_bring": ("Votre curiosité.", "Your curiosity."),
        "description": [
            (
                "paragraph",
                (
                    "<p>On regarde ensemble un court métrage, puis on en parle autour d’un "
                    "goûter : qu’est-ce qu’on a ressenti, qu’est-ce qu’on a compris ? Les "
                    "enfants repartent avec leur carnet de critique.</p>",
                    "<p>We watch a short film together, then talk about it over a snack: what "
                    "did we feel, what did we understand? Children take home their own "
                    "critic's notebook.</p>",
                ),
            )
        ],
    },
    {
        "slug": ("tourner-un-clip-au-telephone", "shoot-a-music-video-on-your-phone"),
        "title": ("Tourner un clip au téléphone", "Shoot a music video on your phone"),
        "summary": (
            "Un samedi pour écrire, tourner et monter un clip avec son téléphone, avec un "
            "réalisateur et une monteuse.",
            "One Saturday to write, shoot and edit a music video on your phone, with a "
            "director and an editor.",
        ),
        "age": (13, 17),
        "audience": "young",
        "series": False,
        "partner": "festival",
        "venue": "salle",
        "schedule": {"weekday": 5, "hour": 14, "minutes": 240, "count": 1, "weeks_ahead": 5},
        "places": 14,
        "what_to_bring": (
            "Un téléphone chargé (nous en prêtons si besoin) et un morceau que vous aimez.",
            "A charged phone (we can lend one) and a song you like.",
        ),
        "description": [
            (
                "paragraph",
                (
                    "<p>Cadrage, lumière naturelle, montage sur téléphone : les "
                    "participants repartent avec leur clip, et les meilleurs sont montrés "
                    "au festival Courts du Canal.</p>",
                    "<p>Framing, natural light, editing on a phone: participants leave with "
                    "their video, and the best ones are shown at the Courts du Canal "
                    "festival.</p>",
                ),
            )
        ],
    },
]

TRAININGS = [
    {
        "slug": ("etalonnage-davinci-resolve", "colour-grading-with-davinci-resolve"),
        "title": ("Étalonnage avec DaVinci Resolve", "Colour grading with DaVinci Resolve"),
        "summary": (
            "Quatre lundis pour apprendre l’étalonnage sur un logiciel libre d’accès, avec "
            "les formateurs de l’École Pleyel.",
            "Four Mondays to learn colour grading on freely available software, with "
            "trainers from the Pleyel School.",
        ),
        "schedule": {"weekday": 0, "hour": 9, "minutes": 420, "count": 4, "weeks_ahead": 4},
        "deadline_days_before": 12,
        "places": 12,
        "curriculum": [
            (
                "paragraph",
                (
                    "<ol><li>Lire une image : histogramme, vectorscope, forme d’onde</li>"
                    "<li>Corrections primaires et équilibre des couleurs</li><li>Corrections "
                    "secondaires, masques et suivi</li><li>Exporter pour la salle, la "
                    "télévision et le web</li></ol>",
                    "<ol><li>Reading an image: histogram, vectorscope, waveform</li>"
                    "<li>Primary corrections and colour balance</li><li>Secondary "
                    "corrections, masks and tracking</li><li>Exporting for cinema, "
                    "television and the web</li></ol>",
                ),
            ),
        ],
        "prerequisites": (
            "<ul><li>avoir déjà "
            "monté une vidéo, même sur téléphone ;</li><li>être disponible les quatre "
            "lundis.</li></ul>",
            "<ul><li>having edited a "
            "video before, even on a phone;</li><li>being free on all four Mondays.</li></ul>",
        ),
    },
    {
        "slug": ("montage-son-et-mixage", "sound-editing-and-mixing"),
        "title": ("Montage son et mixage", "Sound editing and mixing"),
        "summary": (
            "Trois journées au studio pour monter, nettoyer et mixer la bande son d’un "
            "court métrage.",
            "Three days in the studio to edit, clean up and mix the soundtrack of a short film.",
        ),
        "schedule": {"weekday": 3, "hour": 9, "minutes": 450, "count": 3, "weeks_ahead": 6},
        "deadline_days_before": 14,
        "places": 8,
        "curriculum": [
            (
                "paragraph",
                (
                    "<ol><li>Organiser les pistes : dialogues, ambiances, effets, "
                    "musique</li><li>Nettoyer et synchroniser les sons directs</li>"
                    "<li>Mixer en stéréo et préparer un mixage pour la salle</li></ol>",
                    "<ol><li>Organising tracks: dialogue, ambience, effects, music</li>"
                    "<li>Cleaning up and syncing location sound</li><li>Mixing in stereo "
                    "and preparing a mix for the cinema</li></ol>",
                ),
            ),
        ],
        "prerequisites": (
            "<p>Une bonne écoute et de la curiosité "
            "suffisent ; un casque est prêté.</p>",
            "<p>Good ears and curiosity are enough; "
            "headphones are provided.</p>",
        ),
    },
]
