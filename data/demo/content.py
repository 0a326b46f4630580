"""Static texts and lists for the synthetic demo data (:mod:`data.demo`).

Everything here is invented but Danish-sounding; nothing is real data about real children.
The survey items are modelled on the national trivselsmåling but are not its official wording.
"""
from __future__ import annotations

SOURCE_NOTE = "Syntetisk demodata — ikke Børne- og Undervisningsministeriets tal"

# kode -> (name, cohort size per birth year at scale 1, segregation multiplier, wellbeing shift)
MUNICIPALITIES = {
    530: ("Billund", 180, 0.7, 0.06),
    169: ("Høje-Taastrup", 300, 1.5, -0.08),
    151: ("Ballerup", 280, 1.05, 0.00),
    657: ("Herning", 450, 0.95, 0.04),
    316: ("Holbæk", 380, 1.00, -0.03),
}

# kode -> districts, each with its ordinary schools (first name of each district is its largest).
# Names marked with a trailing "*" are small schools (about 8-12 pupils per grade).
DISTRICTS = {
    530: {
        "Billund": ["Billund Skole", "Hedegårdsskolen", "Stenderup Skole*"],
        "Grindsted": ["Grindsted Skole", "Vestre Skole", "Lynghedeskolen", "Østre Skole Grindsted"],
        "Vorbasse-Hejnsvig": ["Vorbasse Skole", "Hejnsvig Skole"],
        "Sdr. Omme": ["Sdr. Omme Skole", "Filskov Skole*"],
    },
    169: {
        "Distrikt Taastrup": ["Taastrup Skole", "Parkskolen", "Gadehaveskolen", "Borgerskolen"],
        "Distrikt Hedehusene": ["Hedehusene Skole", "Reerslev Skole*", "Fløng Skole"],
        "Distrikt Torstorp": ["Torstorp Skole", "Selsmoseskolen", "Charlotteskolen"],
        "Distrikt Vridsløse": ["Mølleholmskolen", "Sengeløse Skole*"],
    },
    151: {
        "Distrikt Nord": ["Skovlunde Skole", "Hedegårdsskolen Ballerup", "Måløvhøj Skole"],
        "Distrikt Syd": ["Grantofteskolen", "Baltorpskolen", "Egebjerg Skole"],
        "Distrikt Øst": ["Rugvængets Skole", "Skovvejens Skole", "Pederstrup Skole"],
        "Distrikt Vest": ["Måløv Skole", "Kildedal Skole*"],
    },
    657: {
        "Herning Midt": ["Brændgårdskolen", "Lindbjergskolen", "Herningsholmskolen", "Bankagerskolen",
                         "Lind Skole"],
        "Herning Nord": ["Sunds Skole", "Gullestrup Skole", "Hammerum Skole", "Gjellerup Skole",
                         "Tjørring Skole"],
        "Herning Syd": ["Vildbjerg Skole", "Timring Læringscenter*", "Aulum-Hodsager Skole",
                        "Haderup Skole"],
        "Herning Øst": ["Kibæk Skole", "Sørvad Skole", "Arnborg Skole*", "Ilskov Skole",
                        "Skarrildskolen", "Ørnhøj Skole"],
    },
    316: {
        "Holbæk By": ["Holbæk Skole", "Østre Skole", "Stenhusskolen", "Absalonskolen", "Isefjordskolen"],
        "Tuse Næs og Nord": ["Tuse Næs Skole", "Tølløse Skole", "Kildebjerg Skole*", "Ugerløse Skole"],
        "Jernløse og Vest": ["Jernløse Skole", "Svinninge Skole", "Mørkøv Skole", "Stestrup Skole*"],
        "Orø og Syd": ["Vipperød Skole", "Orø Skole*", "Knabstrup Skole", "Nr. Jernløse Skole"],
    },
}

# kode -> names of special institutions by form. Mellemform and specialklasse are placed at an
# ordinary school named above (the school name is filled in by the generator).
SPECIAL_SCHOOLS = {
    530: {"specialskole": ["Specialskolen Åstedet"], "dagbehandling": ["Dagbehandlingsskolen Lunden"],
          "specialdagtilbud": ["Specialbørnehaven Troldebo"]},
    169: {"specialskole": ["Sengeløse Specialskole", "Kastanieskolen"],
          "dagbehandling": ["Dagbehandlingstilbuddet Hjørnestenen"],
          "specialdagtilbud": ["Specialbørnehuset Lærkereden"]},
    151: {"specialskole": ["Søndergårdsskolen Specialskole"], "dagbehandling": ["Dagskolen Ballerup"],
          "specialdagtilbud": ["Børnehuset Regnbuen (special)"]},
    657: {"specialskole": ["Specialskolen Skovbrynet", "Hammerum Specialskole"],
          "dagbehandling": ["Dagbehandlingsskolen Engparken"],
          "specialdagtilbud": ["Specialbørnehaven Lyngbo"]},
    316: {"specialskole": ["Specialskolen Bakkegården", "Ahorngården Skole"],
          "dagbehandling": ["Dagbehandlingsskolen Holbæk"],
          "specialdagtilbud": ["Specialdagtilbuddet Spiren"]},
}

DAGTILBUD_NAMES = [
    "Børnehuset Solstrålen", "Børnehuset Mariehønen", "Børnehuset Troldehøjen", "Naturbørnehaven Skovtrolden",
    "Børnehuset Regnbuen", "Børnehuset Spiren", "Børnehuset Stjernen", "Børnegården Kastanjen",
    "Børnehuset Lærkereden", "Børnehuset Bikuben", "Børnehuset Myretuen", "Børnehuset Egehytten",
    "Børnehuset Søstjernen", "Børnehuset Humlebien", "Børnehuset Pilegården", "Vuggestuen Guldklumpen",
    "Børnehuset Mælkebøtten", "Børnehuset Kernehuset", "Børnehuset Tusindfryd", "Børnehuset Ællingen",
]
KLUB_NAMES = ["Klub Centrum", "Ungdomsklubben Fristedet", "Juniorklubben Oasen", "Klub Vest"]
UNGDOMSSKOLE_NAME = "{municipality} Ungdomsskole"
SFO_NAMES = ["SFO'en på {school}", "BFO {school}"]

# --- trivselsmåling ----------------------------------------------------------------------
INSTRUMENTS = [
    # code, name, grade_from, grade_to, n_options
    ("trivsel_4_9", "Trivselsmåling 4.-9. klasse", 4, 9, 5),
    ("trivsel_0_3", "Trivselsmåling 0.-3. klasse", 0, 3, 3),
]

INDICATORS = [
    # code, name_da, name_en, sort_order, target mean (national level in the demo)
    ("social_trivsel", "Social trivsel", "Social well-being", 1, 4.00),
    ("faglig_trivsel", "Faglig trivsel", "Academic well-being", 2, 3.76),
    ("stoette_inspiration", "Støtte og inspiration", "Support and inspiration", 3, 3.30),
    ("ro_orden", "Ro og orden", "Calm and order", 4, 3.60),
    ("generel_trivsel", "Generel trivsel", "General well-being", 5, 3.66),
]

# Answer scales, worst to best.
GLAD = "Nej, slet ikke|Nej, ikke så tit|Nogle gange|Ja, tit|Ja, meget tit"
FREQ_POS = "Aldrig|Sjældent|Nogle gange|Tit|Meget tit"
FREQ_NEG = "Meget tit|Tit|Nogle gange|Sjældent|Aldrig"
ALWAYS = "Aldrig|Sjældent|Nogle gange|For det meste|Altid"
ENIG = "Helt uenig|Uenig|Hverken enig eller uenig|Enig|Helt enig"
MANGE = "Ingen|Meget få|Nogle|De fleste|Alle"
GOD = "Meget dårlig|Dårlig|Hverken god eller dårlig|God|Meget god"

# (indicator, text_da, text_en, options, offset from the indicator mean)
ITEMS_4_9 = [
    # Social trivsel (9)
    ("social_trivsel", "Er du glad for din skole?", "Do you like your school?", GLAD, 0.05),
    ("social_trivsel", "Er du glad for din klasse?", "Do you like your class?", GLAD, 0.0),
    ("social_trivsel", "Føler du dig ensom?", "Do you feel lonely?", FREQ_NEG, 0.15),
    ("social_trivsel", "Føler du, at du hører til på skolen?", "Do you feel that you belong at school?", ALWAYS, -0.05),
    ("social_trivsel", "Kan du lide pauserne i skolen?", "Do you like the breaks at school?", GLAD, 0.2),
    ("social_trivsel", "Er du bange for at blive til grin i skolen?", "Are you afraid of being laughed at at school?", FREQ_NEG, -0.1),
    ("social_trivsel", "Hvor tit er du bange for at blive drillet?", "How often are you afraid of being teased?", FREQ_NEG, 0.1),
    ("social_trivsel", "Føler du dig tryg i skolen?", "Do you feel safe at school?", ALWAYS, 0.15),
    ("social_trivsel", "Har du nogen at være sammen med i frikvartererne?", "Do you have someone to be with during breaks?", ALWAYS, -0.5),
    # Faglig trivsel (8)
    ("faglig_trivsel", "Hvor godt klarer du dig fagligt i skolen?", "How well do you do academically at school?", GOD, 0.05),
    ("faglig_trivsel", "Er du god til at løse problemer?", "Are you good at solving problems?", ALWAYS, 0.0),
    ("faglig_trivsel", "Kan du koncentrere dig i timerne?", "Can you concentrate in class?", ALWAYS, -0.15),
    ("faglig_trivsel", "Hvis noget er svært, bliver jeg ved med at prøve.", "If something is difficult, I keep trying.", ENIG, 0.1),
    ("faglig_trivsel", "Er du god til at arbejde sammen med andre?", "Are you good at working with others?", ALWAYS, 0.2),
    ("faglig_trivsel", "Når jeg ikke forstår noget i timerne, kan jeg finde ud af at få hjælp.", "When I do not understand something in class, I know how to get help.", ENIG, 0.05),
    ("faglig_trivsel", "Kan du finde ud af det, du skal i timerne?", "Can you manage what you are asked to do in class?", ALWAYS, 0.1),
    ("faglig_trivsel", "Jeg klarer mig godt til prøver og afleveringer.", "I do well in tests and assignments.", ENIG, -0.35),
    # Støtte og inspiration (10)
    ("stoette_inspiration", "Synes du, at lærerne er gode til at hjælpe dig i skolen?", "Do you think the teachers are good at helping you at school?", ALWAYS, 0.4),
    ("stoette_inspiration", "Er undervisningen spændende?", "Is the teaching interesting?", ALWAYS, -0.25),
    ("stoette_inspiration", "Synes du, at du lærer noget interessant i skolen?", "Do you learn something interesting at school?", ALWAYS, 0.1),
    ("stoette_inspiration", "Er du motiveret for at lære nyt?", "Are you motivated to learn new things?", ALWAYS, 0.05),
    ("stoette_inspiration", "Giver lærerne dig lyst til at lære mere?", "Do the teachers make you want to learn more?", ALWAYS, -0.15),
    ("stoette_inspiration", "Bliver du inddraget i at beslutte, hvad I skal lave i timerne?", "Are you involved in deciding what you do in class?", ALWAYS, -0.7),
    ("stoette_inspiration", "Er undervisningen tilpas svær for dig?", "Is the teaching suitably difficult for you?", ALWAYS, 0.3),
    ("stoette_inspiration", "Synes du, at lærerne lytter til dig?", "Do you think the teachers listen to you?", ALWAYS, 0.25),
    ("stoette_inspiration", "Bruger lærerne det, du har lært uden for skolen, i undervisningen?", "Do the teachers use what you learn outside school in class?", ALWAYS, -0.4),
    ("stoette_inspiration", "Får du at vide, hvad du skal blive bedre til?", "Are you told what you should improve?", ALWAYS, 0.05),
    # Ro og orden (5)
    ("ro_orden", "Hvor tit er der ro og orden i klassen?", "How often is there calm and order in class?", ALWAYS, -0.15),
    ("ro_orden", "Er det let at høre, hvad læreren siger i timerne?", "Is it easy to hear what the teacher says in class?", ALWAYS, 0.2),
    ("ro_orden", "Hvor tit er der så meget uro i klassen, at du ikke kan arbejde?", "How often is there so much noise in class that you cannot work?", FREQ_NEG, -0.05),
    ("ro_orden", "Begynder timerne til tiden?", "Do lessons start on time?", ALWAYS, 0.15),
    ("ro_orden", "Kan du arbejde i ro, når du skal?", "Can you work in peace when you need to?", ALWAYS, -0.15),
    # Generel trivsel (8)
    ("generel_trivsel", "Hvordan har du det for det meste?", "How do you feel most of the time?", GOD, 0.3),
    ("generel_trivsel", "Har du ondt i maven?", "Do you have stomach aches?", FREQ_NEG, 0.1),
    ("generel_trivsel", "Har du ondt i hovedet?", "Do you have headaches?", FREQ_NEG, -0.05),
    ("generel_trivsel", "Er du tilfreds med, som du ser ud?", "Are you satisfied with how you look?", ALWAYS, -0.2),
    ("generel_trivsel", "Er du tilfreds med dit liv?", "Are you satisfied with your life?", ALWAYS, 0.15),
    ("generel_trivsel", "Sover du godt om natten?", "Do you sleep well at night?", ALWAYS, 0.05),
    ("generel_trivsel", "Føler du dig stresset?", "Do you feel stressed?", FREQ_NEG, -0.3),
    ("generel_trivsel", "Har du nogen at tale med, hvis du er ked af det?", "Do you have someone to talk to when you are sad?", ALWAYS, -0.05),
]

JA3 = "Nej|Ja, lidt|Ja, meget"
OFTE3 = "Nej|Nogle gange|Ja"
NEG3 = "Ja|Nogle gange|Nej"
# (text_da, text_en, options, share answering the best option)
ITEMS_0_3 = [
    ("Er du glad for din skole?", "Do you like your school?", JA3, 0.72),
    ("Er du glad for din klasse?", "Do you like your class?", JA3, 0.70),
    ("Er du glad for dine lærere?", "Do you like your teachers?", JA3, 0.75),
    ("Har du nogen at lege med i frikvarteret?", "Do you have someone to play with at break?", OFTE3, 0.78),
    ("Føler du dig alene i skolen?", "Do you feel alone at school?", NEG3, 0.62),
    ("Er du bange for, at andre børn driller dig?", "Are you afraid that other children tease you?", NEG3, 0.58),
    ("Kan du lide at være i skole?", "Do you like being at school?", JA3, 0.66),
    ("Er du god til at lære nye ting?", "Are you good at learning new things?", JA3, 0.70),
    ("Hjælper dine lærere dig, når du har brug for det?", "Do your teachers help you when you need it?", OFTE3, 0.74),
    ("Er der ro i klassen, når I skal arbejde?", "Is it calm in class when you work?", OFTE3, 0.42),
    ("Kan du høre, hvad læreren siger?", "Can you hear what the teacher says?", OFTE3, 0.66),
    ("Er timerne spændende?", "Are the lessons exciting?", JA3, 0.55),
    ("Har du ondt i maven?", "Do you have stomach aches?", NEG3, 0.63),
    ("Har du ondt i hovedet?", "Do you have headaches?", NEG3, 0.64),
    ("Er du glad for dig selv?", "Are you happy with yourself?", JA3, 0.74),
    ("Kan du selv finde ud af opgaverne i timerne?", "Can you do the tasks in class on your own?", OFTE3, 0.60),
    ("Er de andre børn søde ved dig?", "Are the other children nice to you?", OFTE3, 0.62),
    ("Føler du dig tryg i skolen?", "Do you feel safe at school?", JA3, 0.76),
    ("Kan du lide frikvartererne?", "Do you like the breaks?", JA3, 0.80),
    ("Er du glad for din SFO/BFO?", "Do you like your after-school club?", JA3, 0.68),
]

# --- effect instruments ------------------------------------------------------------------
INSTRUMENTS_EFFECT = [
    dict(code="sdq_total", name="SDQ samlede vanskeligheder", min_score=0.0, max_score=40.0,
         higher_is_better=False, cutoff=17.0,
         cutoff_note="forælder: 14 grænseområde / 17 klinisk; lærer: 12/16/19",
         reliability=0.80, reference_sd=5.8),
    dict(code="ors", name="ORS (Outcome Rating Scale)", min_score=0.0, max_score=40.0,
         higher_is_better=True, cutoff=25.0, cutoff_note="voksne 25, børn 32",
         reliability=0.85, reference_sd=7.0),
    dict(code="sos_skala", name="Signs of Safety skalering", min_score=0.0, max_score=10.0,
         higher_is_better=True, cutoff=None, cutoff_note=None, reliability=0.7, reference_sd=2.0),
    dict(code="gas", name="GAS T-score", min_score=20.0, max_score=80.0, higher_is_better=True,
         cutoff=50.0, cutoff_note="T = 50: målene er nået som forventet (Kiresuk-Sherman, rho 0,3)",
         reliability=None, reference_sd=10.0),
]

# Intervention templates: (method, name pattern, instrument, grade range, effect in SD units
# of the instrument (positive = better), goal mode, size weight). {d} = district, {m} = municipality
INTERVENTIONS = [
    ("LØFT", "LØFT-samtaler 4.-6. kl., {d}", "sdq_total", (4, 6), 0.55, "gas", 1.0),
    ("LØFT", "LØFT-forløb i udskolingen, {d}", "sdq_total", (7, 9), 0.15, "gas", 0.8),
    ("Signs of Safety", "Signs of Safety i familieafdelingen, {m}", "sos_skala", (0, 9), 0.6, "outcome", 1.0),
    ("mellemform", "Mellemform: fleksibelt læringsfællesskab, {d}", "sdq_total", (1, 6), 0.35, "gas", 0.8),
    ("forældrekursus", "Forældrekursus (De Utrolige År), {m}", "sdq_total", (0, 3), 0.45, "outcome", 0.9),
    ("PPR-sparring", "PPR-sparring om enkeltbørn, {d}", "ors", (0, 9), 0.0, "outcome", 1.0),
    ("PPR-sparring", "PPR-konsultation i indskolingen, {d}", "ors", (0, 3), 0.25, "outcome", 0.7),
    ("forældrekursus", "Forældrekursus om skolefravær, {m}", "ors", (5, 9), 0.05, "outcome", 0.6),
    ("Signs of Safety", "Netværksmøder med Signs of Safety, {d}", "sos_skala", (0, 9), 0.3, "gas", 0.7),
    ("LØFT", "LØFT i overgangen fra special- til almenklasse, {m}", "sdq_total", (2, 8), 0.4, "gas", 0.5),
]
EXTRA_INTERVENTIONS = {
    151: [("Samarbejdsmodellen", "Samarbejdsmodellen: tværfaglige møder, {d}", "ors", (0, 9), 0.3, "outcome", 0.8),
          ("BAL", "BAL-analyser af læringsmiljøet, {d}", "sdq_total", (0, 9), 0.2, "gas", 0.7)],
}
TINY_INTERVENTION = ("mellemform", "Pilotprojekt: Udeskole-mellemform, {d}", "sdq_total", (3, 6), 0.5, "gas")

GOAL_TEXTS = [
    "Deltager i frikvartererne sammen med mindst én klassekammerat",
    "Møder til tiden mindst fire dage om ugen",
    "Bliver i klassen hele lektionen uden at gå ud",
    "Beder selv en voksen om hjælp, når noget er svært",
    "Gennemfører morgenrutinen uden konflikter",
    "Deltager i en fritidsaktivitet hver uge",
    "Fortæller om sin dag ved aftensmaden",
    "Løser konflikter med ord i stedet for slag",
    "Laver lektier tre dage om ugen",
    "Er med i gruppearbejde i mindst to timer om ugen",
    "Sover i egen seng hele natten",
    "Forældrene oplever færre konflikter i hjemmet",
]

# --- pejlemærker -------------------------------------------------------------------------
# kode -> list of (area, kpi_code, title, target 2024, target 2025, direction)
TARGETS = {
    530: [
        ("skole", "inklusionsgrad", "Flere børn og unge er en del af udviklende fællesskaber i almenskolen", 0.965, 0.967, "higher"),
        ("skole", "segregeringsgrad", "Andelen af elever i specialtilbud skal ikke stige", 0.035, 0.034, "lower"),
        ("skole", "trivsel_social", "Barnet oplever sig værdsat: social trivsel i 4.-9. klasse", 4.05, 4.05, "higher"),
        ("skole", "trivsel_stoette", "Læring tager udgangspunkt i barnets styrker: støtte og inspiration", 3.40, 3.45, "higher"),
        ("social", "effekt_andel_forbedret", "Distriktsteamenes indsatser evalueres løbende og viser fremgang", 0.50, 0.55, "higher"),
        ("skole", "tilbagefoersel_2aar", "Flere elever vender tilbage fra specialtilbud til almenskolen inden for 2 år", 0.18, 0.20, "higher"),
        ("dagtilbud", "specialdagtilbud_andel", "Færre børn i specialdagtilbud; mere støtte i det almene dagtilbud", 0.010, 0.009, "lower"),
    ],
    169: [
        ("skole", "inklusionsgrad", "Alle børn og unge, som kan profitere af at være i almenområdet, skal være der", 0.950, 0.955, "higher"),
        ("skole", "segregeringsgrad", "Andelen af børn og unge i specialtilbud skal knækkes", 0.052, 0.050, "lower"),
        ("skole", "tilbagefoersel_2aar", "En plan for tilbageføring fra start: flere vender tilbage til almenområdet", 0.20, 0.22, "higher"),
        ("skole", "trivsel_social", "Flere elever trives socialt i fællesskaberne", 3.95, 4.00, "higher"),
        ("skole", "trivsel_generel", "Færre elever med tegn på begyndende mistrivsel", 3.62, 3.65, "higher"),
        ("skole", "trivsel_ro", "Bedre plads til forskellighed: ro og orden i undervisningen", 3.55, 3.60, "higher"),
        ("social", "effekt_andel_forbedret", "Hurtigere håndtering af vanskeligheder: flere forløb med målbar fremgang", 0.50, 0.55, "higher"),
        ("dagtilbud", "specialdagtilbud_andel", "Flere børn med særlige behov trives i det almene dagtilbud", 0.012, 0.011, "lower"),
    ],
    151: [
        ("skole", "inklusionsgrad", "Flere elever deltager i almene læringsfællesskaber med mellemformer som støtte", 0.955, 0.958, "higher"),
        ("skole", "segregeringsgrad", "Færre elever visiteres ud af det almene område", 0.046, 0.045, "lower"),
        ("skole", "trivsel_social", "Alle elever oplever at høre til i fællesskabet", 4.00, 4.02, "higher"),
        ("skole", "trivsel_stoette", "Undervisningen motiverer og inspirerer alle elever", 3.35, 3.40, "higher"),
        ("skole", "trivsel_faglig", "Eleverne oplever faglig fremgang og mestring", 3.78, 3.80, "higher"),
        ("skole", "trivsel_ro", "Ro og orden: gode læringsmiljøer analyseret med BAL", 3.60, 3.62, "higher"),
        ("social", "effekt_andel_forbedret", "Signs of Safety og LØFT skaber dokumenteret fremgang for barnet", 0.50, 0.55, "higher"),
        ("social", "tilbagefoersel_2aar", "Flere børn vender tilbage fra dagbehandling og specialtilbud", 0.15, 0.18, "higher"),
        ("dagtilbud", "specialdagtilbud_andel", "Fælles om en god skolestart: færre børn i specialdagtilbud", 0.010, 0.010, "lower"),
        ("klub", "trivsel_generel", "Unge i klubberne trives og har det godt", 3.65, 3.68, "higher"),
    ],
    657: [
        ("skole", "inklusionsgrad", "Børn med særlige behov rummes i dagtilbuddenes og skolernes normaltilbud", 0.958, 0.960, "higher"),
        ("skole", "segregeringsgrad", "Sammenhæng og overgange: andelen i specialområdet holdes i ro", 0.042, 0.041, "lower"),
        ("social", "effekt_andel_forbedret", "Dokumentation: indsatserne har den ønskede effekt", 0.55, 0.60, "higher"),
        ("skole", "tilbagefoersel_2aar", "Flere børn går fra specialområdet tilbage til normalområdet", 0.18, 0.20, "higher"),
        ("skole", "trivsel_generel", "Trivsel og sundhed: flere børn har det godt", 3.68, 3.70, "higher"),
        ("skole", "trivsel_social", "Alle bliver accepteret og inkluderet i fællesskaberne", 4.02, 4.05, "higher"),
        ("dagtilbud", "specialdagtilbud_andel", "Tidlig indsats i dagtilbud frem for specialdagtilbud", 0.010, 0.009, "lower"),
    ],
    316: [
        ("social", "effekt_andel_forbedret", "Vi følger op på, om indsatsen virker", 0.55, 0.60, "higher"),
        ("social", "gas_maal_opnaaet", "Tydelige og konkrete mål for barnets udvikling bliver nået", 0.60, 0.65, "higher"),
        ("skole", "inklusionsgrad", "Barnet og familien er en del af løsningen i det almene fællesskab", 0.955, 0.957, "higher"),
        ("skole", "segregeringsgrad", "Indsatserne er prioriterede: færre elever i specialtilbud", 0.047, 0.046, "lower"),
        ("skole", "trivsel_social", "Børnene trives socialt i skolen", 3.98, 4.00, "higher"),
        ("skole", "trivsel_stoette", "Indsatserne er meningsgivende for barnet: støtte og inspiration", 3.30, 3.35, "higher"),
        ("skole", "tilbagefoersel_2aar", "Mod til at justere: flere vender tilbage til almenområdet", 0.17, 0.19, "higher"),
    ],
}
