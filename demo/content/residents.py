"""Resident creators and the one project page each of them keeps up to date.

``directs`` marks residents who can sign a Wednesday screening: the seed decides
which of them actually do.
"""

RESIDENTS = [
    {
        "name": "Nadia Ferhat",
        "title_form": "feminine",
        "disciplines": ["direction", "sound"],
        "company": "Les Films de l’Écluse",
        "directs": True,
        "short_bio": (
            "Réalisatrice et preneuse de son, elle filme les bords de l’eau et ceux qui y vivent.",
            "Director and sound recordist, she films waterways and the people who live by them.",
        ),
        "bio": (
            "Après dix ans comme ingénieure du son sur des tournages de fiction, elle passe "
            "à la réalisation avec des documentaires où le son mène l’image.",
            "After ten years as a location sound engineer on fiction shoots, she moved to "
            "directing documentaries in which sound leads the picture.",
        ),
        "project": {
            "slug": ("le-fleuve-a-l-envers", "the-river-backwards"),
            "title": ("Le Fleuve à l’envers", "The River Backwards"),
            "format": "documentary",
            "stage": "development",
            "logline": (
                "Remonter la Seine de Saint-Ouen à sa source, en écoutant.",
                "Travelling up the Seine from Saint-Ouen to its source, listening.",
            ),
            "credits": [("Réalisation", "Director", "Nadia Ferhat"),
                        ("Production", "Producer", "Karim Haddad")],
        },
    },
    {
        "name": "Théo Lambert",
        "title_form": "masculine",
        "disciplines": ["direction", "editing"],
        "company": "",
        "directs": True,
        "short_bio": (
            "Réalisateur et monteur, il travaille avec les archives d’entreprises.",
            "Director and editor, he works with company archive footage.",
        ),
        "bio": (
            "Fils et petit-fils d’ouvriers, il collecte les films d’entreprise oubliés et "
            "les confronte aux récits de celles et ceux qui y ont travaillé.",
            "The son and grandson of factory workers, he collects forgotten company films "
            "and sets them against the stories of those who worked there.",
        ),
        "project": {
            "slug": ("capsules-du-patrimoine", "industrial-heritage-capsules"),
            "title": ("Capsules du patrimoine industriel", "Industrial heritage capsules"),
            "format": "series",
            "stage": "production",
            "logline": (
                "Douze films de quatre minutes sur des gestes d’usine qui disparaissent.",
                "Twelve four-minute films about factory crafts that are disappearing.",
            ),
            "credits": [("Réalisation", "Director", "Théo Lambert"),
                        ("Montage", "Editor", "Léa Marchand")],
        },
    },
    {
        "name": "Inès Moreau",
        "title_form": "feminine",
        "disciplines": ["direction", "screenwriting"],
        "company": "Collectif Nuit Blanche",
        "directs": True,
        "short_bio": (
            "Scénariste et réalisatrice de fictions tournées avec des non-professionnels.",
            "Screenwriter and director of fiction films shot with non-professional actors.",
        ),
        "bio": (
            "Elle écrit avec les habitants des quartiers où elle tourne, souvent la nuit, "
            "toujours en petite équipe.",
            "She writes with the people of the neighbourhoods where she shoots, often at "
            "night, always with a small crew.",
        ),
        "project": {
            "slug": ("les-lumieres-de-pleyel", "the-lights-of-pleyel"),
            "title": ("Les Lumières de Pleyel", "The Lights of Pleyel"),
            "format": "feature",
            "stage": "development",
            "logline": (
                "Le dernier été avant les Jeux, dans une tour promise à la démolition.",
                "The last summer before the Games, in a tower block due for demolition.",
            ),
            "credits": [("Scénario et réalisation", "Writer and director", "Inès Moreau")],
        },
    },
    {
        "name": "Awa Traoré",
        "title_form": "feminine",
        "disciplines": ["direction", "production"],
        "company": "Baobab Productions",
        "directs": True,
        "short_bio": (
            "Productrice et réalisatrice entre Bamako et Saint-Ouen.",
            "Producer and director working between Bamako and Saint-Ouen.",
        ),
        "bio": (
            "Elle produit des documentaires d’auteur en coproduction avec l’Afrique de "
            "l’Ouest et accompagne de jeunes réalisatrices maliennes.",
            "She produces auteur documentaries co-produced with West Africa and mentors "
            "young Malian women directors.",
        ),
        "project": {
            "slug": ("les-tisserandes", "the-weavers"),
            "title": ("Les Tisserandes", "The Weavers"),
            "format": "documentary",
            "stage": "post-production",
            "logline": (
                "Une coopérative de tisserandes à Ségou face à la mode rapide.",
                "A weavers' cooperative in Ségou up against fast fashion.",
            ),
            "credits": [("Réalisation", "Director", "Awa Traoré"),
                        ("Image", "Cinematography", "Moussa Diarra")],
        },
    },
    {
        "name": "Lucas Petit",
        "title_form": "masculine",
        "disciplines": ["animation", "direction"],
        "company": "Studio Papier Ciseaux",
        "directs": True,
        "short_bio": (
            "Animateur en papier découpé et en volume, il anime aussi nos ateliers.",
            "Cut-out and stop-motion animator, he also runs our workshops.",
        ),
        "bio": (
            "Formé à l’animation à Angoulême, il fabrique ses films à la main et les "
            "montre d’abord aux enfants du quartier.",
            "Trained in animation in Angoulême, he makes his films by hand and shows them "
            "first to the neighbourhood's children.",
        ),
        "project": {
            "slug": ("la-grue-et-le-pigeon", "the-crane-and-the-pigeon"),
            "title": ("La Grue et le Pigeon", "The Crane and the Pigeon"),
            "format": "animation",
            "stage": "production",
            "logline": (
                "Une grue de chantier tombe amoureuse d’un pigeon voyageur.",
                "A construction crane falls in love with a carrier pigeon.",
            ),
            "credits": [("Réalisation", "Director", "Lucas Petit"),
                        ("Musique", "Music", "Sophie Marin")],
        },
    },
    {
        "name": "Clara Nguyen",
        "title_form": "feminine",
        "disciplines": ["direction", "screenwriting"],
        "company": "",
        "directs": True,
        "short_bio": (
            "Réalisatrice de comédies douces-amères sur les familles.",
            "Director of bittersweet comedies about families.",
        ),
        "bio": (
            "Ses courts métrages ont circulé dans une trentaine de festivals ; elle écrit "
            "son deuxième long métrage en résidence.",
            "Her short films have played at some thirty festivals; she is writing her "
            "second feature in residence.",
        ),
        "project": {
            "slug": ("mariage-a-ivry", "a-wedding-in-ivry"),
            "title": ("Mariage à Ivry", "A Wedding in Ivry"),
            "format": "feature",
            "stage": "development",
            "logline": (
                "Deux familles, un traiteur vietnamien et un DJ qui ne vient pas.",
                "Two families, a Vietnamese caterer and a DJ who never turns up.",
            ),
            "credits": [("Scénario", "Screenplay", "Clara Nguyen"),
                        ("Production", "Producer", "Awa Traoré")],
        },
    },
    {
        "name": "Samir Benali",
        "title_form": "masculine",
        "disciplines": ["direction", "diffusion"],
        "company": "Ondes Courtes",
        "directs": True,
        "short_bio": (
            "Documentariste et programmateur, il anime les soirées du mercredi.",
            "Documentary maker and programmer, he hosts the Wednesday evenings.",
        ),
        "bio": (
            "Ancien animateur radio, il fait des films sur les médias libres et programme "
            "les séances gratuites de la Fabrique.",
            "A former radio presenter, he makes films about independent media and "
            "programmes Fabrique's free screenings.",
        ),
        "project": {
            "slug": ("frequences-libres", "free-frequencies"),
            "title": ("Fréquences libres", "Free Frequencies"),
            "format": "documentary",
            "stage": "distribution",
            "logline": (
                "Cinq radios associatives de Seine-Saint-Denis, cinq façons d’être libre.",
                "Five community radio stations in Seine-Saint-Denis, five ways to be free.",
            ),
            "credits": [("Réalisation", "Director", "Samir Benali")],
        },
    },
    {
        "name": "Léa Marchand",
        "title_form": "feminine",
        "disciplines": ["editing", "post-production"],
        "company": "Atelier Raccord",
        "directs": False,
        "short_bio": (
            "Monteuse image, elle accompagne les premiers films de la Fabrique.",
            "Picture editor, she works on many of Fabrique's first films.",
        ),
        "bio": (
            "Elle a monté une quinzaine de documentaires et forme au montage dans nos "
            "modules de post-production.",
            "She has edited some fifteen documentaries and teaches editing in our "
            "post-production modules.",
        ),
        "project": {
            "slug": ("salle-de-montage-ouverte", "open-editing-room"),
            "title": ("Salle de montage ouverte", "Open editing room"),
            "format": "installation",
            "stage": "production",
            "logline": (
                "Une installation où le public remonte un film en direct.",
                "An installation where visitors re-edit a film live.",
            ),
            "credits": [("Conception", "Concept", "Léa Marchand")],
        },
    },
    {
        "name": "Karim Haddad",
        "title_form": "masculine",
        "disciplines": ["production", "distribution"],
        "company": "Haddad & Fils",
        "directs": False,
        "short_bio": (
            "Producteur et distributeur de premiers films.",
            "Producer and distributor of first films.",
        ),
        "bio": (
            "Il produit des courts métrages de jeunes réalisateurs et les accompagne "
            "jusqu’en salle et en festival.",
            "He produces short films by young directors and takes them to cinemas and "
            "festivals.",
        ),
        "project": {
            "slug": ("premiers-pas", "first-steps"),
            "title": ("Premiers pas", "First Steps"),
            "format": "short",
            "stage": "post-production",
            "logline": (
                "Un programme de cinq premiers courts métrages tournés à Saint-Ouen.",
                "A programme of five first short films shot in Saint-Ouen.",
            ),
            "credits": [("Production", "Producer", "Karim Haddad")],
        },
    },
    {
        "name": "Sophie Marin",
        "title_form": "feminine",
        "disciplines": ["sound", "post-production"],
        "company": "Studio Grave-Aigu",
        "directs": False,
        "short_bio": (
            "Bruiteuse et mixeuse, elle fait entendre ce qu’on ne voit pas.",
            "Foley artist and mixer, she makes you hear what you cannot see.",
        ),
        "bio": (
            "Elle a bruité des longs métrages d’animation et anime l’atelier bruitage des "
            "10-14 ans.",
            "She has done foley for animated features and runs the foley workshop for "
            "10 to 14 year-olds.",
        ),
        "project": {
            "slug": ("bibliotheque-des-sons-d-usine", "factory-sound-library"),
            "title": ("Bibliothèque des sons d’usine", "Factory sound library"),
            "format": "installation",
            "stage": "production",
            "logline": (
                "Enregistrer les machines de la Seine-Saint-Denis avant qu’elles se taisent.",
                "Recording the machines of Seine-Saint-Denis before they fall silent.",
            ),
            "credits": [("Prise de son", "Sound recording", "Sophie Marin")],
        },
    },
    {
        "name": "Julien Roux",
        "title_form": "masculine",
        "disciplines": ["cinematography", "direction"],
        "company": "",
        "directs": True,
        "short_bio": (
            "Chef opérateur, il tourne en pellicule 16 mm.",
            "Cinematographer, he shoots on 16 mm film.",
        ),
        "bio": (
            "Il a éclairé une vingtaine de courts métrages et développe lui-même sa "
            "pellicule dans le laboratoire partagé de la Fabrique.",
            "He has lit some twenty short films and develops his own film stock in "
            "Fabrique's shared lab.",
        ),
        "project": {
            "slug": ("grain", "grain"),
            "title": ("Grain", "Grain"),
            "format": "short",
            "stage": "production",
            "logline": (
                "Un film sur la pellicule, tourné sur les dernières bobines d’une usine.",
                "A film about film stock, shot on a factory's last reels.",
            ),
            "credits": [("Image et réalisation", "Cinematography and direction", "Julien Roux")],
        },
    },
    {
        "name": "Camila Rojas",
        "title_form": "feminine",
        "disciplines": ["direction", "cinematography"],
        "company": "Desierto Films",
        "directs": True,
        "short_bio": (
            "Réalisatrice chilienne installée à Saint-Ouen depuis 2021.",
            "Chilean director based in Saint-Ouen since 2021.",
        ),
        "bio": (
            "Ses documentaires contemplatifs filment le travail de nuit et les paysages "
            "extrêmes.",
            "Her contemplative documentaries film night work and extreme landscapes.",
        ),
        "project": {
            "slug": ("les-gardiens-du-phare", "the-lighthouse-keepers"),
            "title": ("Les Gardiens du phare", "The Lighthouse Keepers"),
            "format": "documentary",
            "stage": "development",
            "logline": (
                "Les derniers phares habités de Bretagne et du Chili.",
                "The last manned lighthouses of Brittany and Chile.",
            ),
            "credits": [("Réalisation", "Director", "Camila Rojas")],
        },
    },
    {
        "name": "Moussa Diarra",
        "title_form": "masculine",
        "disciplines": ["cinematography", "production"],
        "company": "",
        "directs": False,
        "short_bio": (
            "Chef opérateur et producteur exécutif de documentaires.",
            "Cinematographer and line producer of documentaries.",
        ),
        "bio": (
            "Il a tourné au Mali, au Sénégal et en France, et forme les jeunes "
            "opérateurs dans nos ateliers.",
            "He has shot in Mali, Senegal and France, and trains young camera operators "
            "in our workshops.",
        ),
        "project": {
            "slug": ("marches-de-nuit", "night-markets"),
            "title": ("Marchés de nuit", "Night Markets"),
            "format": "series",
            "stage": "development",
            "logline": (
                "Une série documentaire sur les marchés de nuit, de Dakar à Saint-Ouen.",
                "A documentary series about night markets, from Dakar to Saint-Ouen.",
            ),
            "credits": [("Image", "Cinematography", "Moussa Diarra")],
        },
    },
    {
        "name": "Élise Garnier",
        "title_form": "inclusive",
        "disciplines": ["distribution", "diffusion"],
        "company": "Les Écrans Voisins",
        "directs": False,
        "short_bio": (
            "Distributrice, elle fait circuler les films de la Fabrique en salle.",
            "Distributor, she takes Fabrique's films to cinemas.",
        ),
        "bio": (
            "Elle travaille avec les cinémas indépendants d’Île-de-France et organise les "
            "tournées des équipes de films.",
            "She works with independent cinemas around Paris and organises tours for film "
            "teams.",
        ),
        "project": {
            "slug": ("tournee-des-mercredis", "wednesday-tour"),
            "title": ("La Tournée des mercredis", "The Wednesday tour"),
            "format": "short",
            "stage": "distribution",
            "logline": (
                "Faire voyager les séances du mercredi dans dix cinémas de quartier.",
                "Taking the Wednesday screenings to ten neighbourhood cinemas.",
            ),
            "credits": [("Distribution", "Distribution", "Élise Garnier")],
        },
    },
]
