"""Word lists of general news English: event verbs and nouns with their kinds, reporting
and stance verbs, titles, organisation words. Nothing here is about any one story.

Long because it is data: word tables, one per concept, read best side by side; the
code that uses them lives in the other modules.
"""

from __future__ import annotations

import re

import lemminflect

from site_builder.ingest.kinds import KINDS


def words(text: str) -> frozenset[str]:
    """A word list written as one string, the way these tables read best."""
    return frozenset(text.split())


# Event verbs, nouns and phrasal verbs by kind: from the one table of kinds (kinds.py,
# documented in the README), inflected forms generated below.
VERB_KINDS = {k.name: k.verbs for k in KINDS if k.verbs}
# Verbs whose particle changes what happened ('struck down a law' is no air strike).
PHRASAL_KINDS = {
    tuple(pair.split()): k.name for k in KINDS for pair in k.phrasal.split(",") if pair.strip()
}
NOUN_KINDS = {k.name: k.nouns for k in KINDS if k.nouns}
# What a referring noun may denote ('after the announcement', 'following the verdict'):
# the kinds of event the noun can name, besides its own kind (issue 3: anchoring).
REFERENT_KINDS = {  # closest first
    "announcement": ("announcement", "statement", "agreement", "deal", "report", "decision"),
    "decision": ("decision", "ruling", "vote"),
    "ruling": ("ruling", "decision", "trial"),
    "trial": ("trial", "ruling", "investigation"),
    "investigation": ("investigation", "trial"),
    "deal": ("deal", "agreement", "announcement"),
    "agreement": ("agreement", "deal", "announcement"),
    "report": ("report", "market", "announcement"),
}
# Reporting verbs: what follows them is what was said, not necessarily what happened.
REPORTING = words(
    "say tell add state write post tweet insist argue claim note stress "
    "reiterate acknowledge confirm warn"
)
# Verbs that describe a standing position rather than a happening (in the present tense).
STANCE = words(
    "maintain believe insist argue want hope fear think expect remain continue "
    "seek see consider hold need"
)

IRREGULAR = {
    "say": "says said saying",
    "tell": "tells told telling",
    "meet": "meets met meeting",
    "hit": "hits hit hitting",
    "shoot": "shoots shot shooting",
    "fly": "flies flew flown flying",
    "write": "writes wrote written writing",
    "strike": "strikes struck striking stricken",
    "hold": "holds held holding",
    "keep": "keeps kept keeping",
    "cut": "cuts cut cutting",
    "win": "wins won winning",
    "lose": "loses lost losing",
    "buy": "buys bought buying",
    "sell": "sells sold selling",
    "rise": "rises rose risen rising",
    "fall": "falls fell fallen falling",
    "grow": "grows grew grown growing",
    "shrink": "shrinks shrank shrunk shrinking",
    "set": "sets set setting",
    "seek": "seeks sought seeking",
    "think": "thinks thought thinking",
    "see": "sees saw seen seeing",
    "swear": "swears swore sworn swearing",
    "quit": "quits quit quitting",
    "put": "puts put putting",
    "bid": "bids bid bidding",
    "forecast": "forecasts forecast forecasting",
    "lead": "leads led leading",
    "begin": "begins began begun beginning",
    "leave": "leaves left leaving",
    "drive": "drives drove driven driving",
    "speak": "speaks spoke spoken speaking",
    "choose": "chooses chose chosen choosing",
    "take": "takes took taken taking",
    "give": "gives gave given giving",
    "come": "comes came coming",
    "become": "becomes became becoming",
    "go": "goes went gone going",
    "run": "runs ran running",
    "have": "has had having",
    "do": "does did done doing",
    "make": "makes made making",
    "send": "sends sent sending",
    "spend": "spends spent spending",
    "pay": "pays paid paying",
    "shell": "shells shelled shelling",
    "commit": "commits committed committing",
    "admit": "admits admitted admitting",
    "occur": "occurs occurred occurring",
    "control": "controls controlled controlling",
    "rally": "rallies rallied rallying",
    "acquit": "acquits acquitted acquitting",
    "rebel": "rebels rebelled rebelling",
    "patrol": "patrols patrolled patrolling",
    "step": "steps stepped stepping",
    "ban": "bans banned banning",
    "plan": "plans planned planning",
    "drop": "drops dropped dropping",
    "slip": "slips slipped slipping",
    "stop": "stops stopped stopping",
    "jail": "jails jailed jailing",
    "walk": "walks walked walking",
    "break": "breaks broke broken breaking",
    "flee": "flees fled fleeing",
    "spread": "spreads spread spreading",
    "sink": "sinks sank sunk sinking",
    "fight": "fights fought fighting",
    "overrun": "overruns overran overrunning",
}


def inflections(lemma: str) -> set[str]:
    """The forms of an English verb: base, -s, past, participle, -ing (lemminflect's
    dictionary, the table above where it must win, else the regular rules)."""
    if lemma in IRREGULAR:
        return set(IRREGULAR[lemma].split()) | {lemma}
    known = lemminflect.getAllInflections(lemma, upos="VERB")
    if known:
        return {form for forms in known.values() for form in forms} | {lemma}
    if lemma.endswith("e"):
        return {lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    if re.search(r"[^aeiou]y$", lemma):
        return {lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    if re.search(r"(?:s|x|z|ch|sh)$", lemma):
        return {lemma, lemma + "es", lemma + "ed", lemma + "ing"}
    return {lemma, lemma + "s", lemma + "ed", lemma + "ing"}


def _verb_table() -> dict[str, tuple[str, str]]:
    """Inflected form → (lemma, kind)."""
    table: dict[str, tuple[str, str]] = {}
    for kind, lemmas in VERB_KINDS.items():
        for lemma in lemmas.split():
            for form in inflections(lemma):
                table.setdefault(form, (lemma, kind))
    return table


VERB_FORMS = _verb_table()
REPORTING_FORMS = {form for lemma in REPORTING for form in inflections(lemma)}
STANCE_FORMS = {form for lemma in STANCE for form in inflections(lemma)}
# Verbs that name a happening only with an object after them ('closed all beaches').
TRANSITIVE_FORMS = {
    form: k.name for k in KINDS for lemma in k.transitive.split() for form in inflections(lemma)
}
NOUN_FORMS = {
    noun: kind for kind, nouns in NOUN_KINDS.items() for noun in nouns.split() if " " not in noun
}

# Person titles, longest first so that "prime minister" wins over "minister".
TITLE_PHRASES = sorted(
    set(
        [
            "president",
            "vice president",
            "vice-president",
            "vice chairman",
            "vice-chairman",
            "vice chair",
            "deputy chairman",
            "deputy minister",
            "chief operating officer",
            "prime minister",
            "deputy prime minister",
            "chancellor",
            "minister",
            "foreign minister",
            "defence minister",
            "defense minister",
            "finance minister",
            "interior minister",
            "economy minister",
            "trade minister",
            "energy minister",
            "health minister",
            "justice minister",
            "secretary of state",
            "secretary-general",
            "secretary general",
            "secretary",
            "treasury secretary",
            "governor",
            "senator",
            "sen.",
            "rep.",
            "representative",
            "congressman",
            "congresswoman",
            "mayor",
            "envoy",
            "special envoy",
            "ambassador",
            "general",
            "gen.",
            "admiral",
            "colonel",
            "commander",
            "chief executive",
            "chief executive officer",
            "ceo",
            "cfo",
            "coo",
            "chief financial officer",
            "chief economist",
            "chairman",
            "chairwoman",
            "chair",
            "chairperson",
            "founder",
            "co-founder",
            "director",
            "managing director",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "king",
            "queen",
            "prince",
            "princess",
            "pope",
            "sheikh",
            "emir",
            "premier",
            "speaker",
            "leader",
            "opposition leader",
            "judge",
            "justice",
            "attorney general",
            "prosecutor",
            "commissioner",
            "economist",
            "analyst",
            "strategist",
            "professor",
            "dr.",
            "mr.",
            "mrs.",
            "ms.",
            "lawmaker",
            "candidate",
            "adviser",
            "advisor",
            "aide",
            "negotiator",
            "head",
            "president-elect",
            "governor-elect",
            "gov.",
            "lt.",
            "sgt.",
            "col.",
            "capt.",
            "captain",
            "administrator",
            "acting administrator",
            "acting president",
            "acting director",
            "acting minister",
            "adm.",
            "maj.",
            "prof.",
            "rev.",
            "sir",
            "dame",
            "lord",
            "lady",
            "archbishop",
            "cardinal",
            "bishop",
            "ayatollah",
            "crown prince",
            "field marshal",
            "lieutenant general",
            "major general",
            "brigadier general",
            "deputy",
            "vice chancellor",
            "chief of staff",
            "rabbi",
            "imam",
        ]
    ),
    key=lambda t: (-len(t.split()), t),
)
# Who someone is to another person: "X’s son-in-law Y" describes Y through X.
RELATIONS = words(
    "son-in-law daughter-in-law father-in-law son daughter wife husband brother "
    "sister father mother cousin nephew niece widow spouse"
)
# Nouns after a demonym that make the state an actor ("Ukrainian officials").
AGENT_NOUNS = words("""bank officials official forces troops soldiers military army navy government
authorities side delegation team negotiators leaders leader allies diplomats president
prime minister minister ministry strikes strike attacks attack drones drone missiles
missile jets warplanes artillery police lawmakers parliament regulators regulator
counterparts counterpart envoy officers intelligence embassy prosecutors court courts
voters opposition administration company companies firms banks lenders investors
negotiating officers""")
# Nouns after "the <demonym>" naming a place ("the eastern Ukrainian city of X").
PLACE_NOUNS = words(
    "city town village region province capital port district state island "
    "oblast county territory border coast"
)
ORG_WORDS = words("""Bank Ministry Department Party Council Commission Committee Union Agency
Fund Reserve Authority Association Institute University College Corporation Corp Corp.
Inc Inc. Ltd Ltd. LLC Plc plc Group Holdings Company Co Co. Airlines Airways Motors
Technologies Systems Partners Capital Exchange Office Court Parliament Senate Congress
Assembly Board Organization Organisation Federation Alliance Coalition Forum Network
Foundation Service Services Army Navy Force Forces Police Guard Front Movement Church
Times Post News Press Journal Media Bureau Administration Cabinet Government Tribunal
Programme Program Industries Energy Pharmaceuticals Securities Investments Petroleum
Electric Telecom Communications Entertainment Foods Steel Mining Resources Brands Labs
Studios Games Bancorp Trust Insurance Airlines Automotive Chemicals Logistics Semiconductor
AG SA SE NV GmbH AB ASA SpA Commonwealth Secretariat Centre Center Club Photonics Robotics
Biotech Therapeutics Pharma Aerospace Dynamics Solutions Software Digital Ventures Retail
Financial Semiconductors Electronics Networks Healthcare Properties Realty Minerals Shipping
Textiles Power Utilities Motor Airline Railways Rail Foods Beverages Brewery Breweries
Nations International Watch Cross Crescent Brigade Brigades Command Corps Initiative Society
League Institution Observatory Maritime Municipality Directorate Inspectorate
Superintendency Kliniken Klinikum Gruppe Grupo Banco""")
# Words that make an organisation a public or civic body, which 'the company' never names.
PUBLIC_BODY_WORDS = words("""Ministry Department Agency Commission Committee Council Court
Authority Parliament Senate Congress Assembly Tribunal Government Administration Bureau
Office Police Army Navy Force Forces Union Party Nations Board Inspectorate Directorate
University Observatory Institute Church Front Federation Alliance Coalition Movement
Organization Organisation Secretariat Superintendency Cabinet Programme Program""")
# Lowercase words that introduce a company's name ('chipmaker Veldhoven Photonics').
_DESCRIPTOR = (
    r"maker|company|firm|rival|group|giant|startup|start-up|retailer|lender|insurer|"
    r"operator|producer|supplier|developer|manufacturer|conglomerate|carrier|airline|brand|"
    r"chain|platform|broker|miner|exporter|importer|outlet|newspaper|broadcaster|designer|"
    r"club|team|union|investor|watchdog|regulator|charity|agency|consultancy|publisher|"
    r"distributor|provider|studio|label|automaker|carmaker|drugmaker|chipmaker|shipper"
)
ORG_DESCRIPTORS = _DESCRIPTOR  # as a regular-expression alternation
BUSINESS_NOUNS = re.compile(
    rf"(?:{_DESCRIPTOR}|shares of|shares in|stake in|units? of|subsidiary|owner of|"
    r"(?i:analysts|economists|strategists|researchers|scientists|engineers|executives|"
    r"employees|staff|lawyers|traders|bankers) (?:at|from))\s+$"
)
# Offices held in a company: the capitalised word before them names one ('Velora Vice
# Chairman X'), where before 'Minister' it would be a state or a party.
BUSINESS_TITLES = words(
    "chairman chairwoman chair vice-chairman ceo cfo coo founder co-founder "
    "chief executive officer operating financial managing director"
)
# A common noun that introduces a name ('Drugmaker X', 'Shipping company X', 'chip designer
# X'): at the start of a sentence it is capitalised but belongs to no name (issue 3).
DESCRIPTOR_WORD = re.compile(rf"^\w*(?:{_DESCRIPTOR})$", re.IGNORECASE)
# Lowercase words after a name that make it an organisation ('The FNV Havens union').
ORG_AFTER = re.compile(rf"^\s+(?:{_DESCRIPTOR}|party|coalition|federation|association)\b")
# Capitalised words that open sentences but never start a name.
FUNCTION_WORDS = words("""the a an this that these those his her its their our my your
in on at after before following during since until by for from with without about over
under as while when where why how what which who whom whose if but and or so yet also
earlier later meanwhile however still then now today yesterday tomorrow overnight hours
days weeks months years one two three four five six seven eight nine ten some many
most several few more less all both each every no not there here it he she they we i you
analysts officials experts shares prices markets investors sources critics""")
CONNECTORS = {"of", "the", "for", "de", "du", "von", "van", "der", "al", "bin", "la", "le"}
LOCATIVE = words(
    "in at inside near outside across throughout into within around via toward towards"
)
# Vehicles: one that strikes or hits something collides ('the container ship struck the
# tanker'), where warplanes and missiles strike targets.
VEHICLES = words(
    "ship ships vessel vessels tanker tankers freighter ferry boat boats barge trawler "
    "yacht train trains tram locomotive bus coach truck lorry car cars van taxi minibus"
)
MOVEMENT = words(
    "visit visits visited visiting trip trips travel travels travelled traveled "
    "travelling traveling return returns returned returning fly flies flew flying "
    "head heads headed heading arrive arrives arrived arriving go goes went "
    "journey moved move moves"
)
MONTH_AND_DAY_NAMES = words("""January February March April May June July August September
October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday
Wednesday Thursday Friday Saturday Sunday""")
# Modifiers allowed between a demonym and its agent noun ("Ukrainian armed forces").
AGENT_MODIFIERS = words(
    "economy finance trade defence defense interior justice health energy industry "
    "armed air special security military government state foreign top "
    "senior local regional federal central naval border peace"
)
# Capitalised words that make a sequence something other than a person's name.
NOT_PERSON_WORDS = words("""Street Sea Ocean River Valley East West North South Gulf Strait Bay
Island Islands Mountains Mountain Lake Square Avenue Road Bridge Airport Station Day Year War
Cup Games Olympics Index Act Bill Treaty Agreement Plan Talks Summit Conference Prize Award
Stock Exchange Market Markets Week Month Centre Center Hall Palace House Tower Building
Hospital School Park Province Region District Oblast County City State Republic Kingdom
Empire Coast Desert Peninsula Canal Mechanism Scheme Strategy Framework Protocol Directive
Regulation Law Accord Spaceport Cosmodrome Harbour Harbor Port Terminal""")

# Capitalised abbreviations that name things, not organisations ('its IT staff').
NOT_ORG_ACRONYMS = words("""IT AI TV CEO CFO COO CTO GDP PM AM HQ ID PR VAT EV EVs SUV SUVs DNA
HIV AIDS COVID PDF USB GPS LNG IPO ETF ESG NGO NGOs MP MPs PhD CCTV SMS LED LCD OK CPI PPI
ATM ICU ICBM ICT OS OSX SDK API UI PC PCs CPU GPU""")

# ---------------------------------------------------------------- entities (issue 13)
# Time zones written as capitals ('at 0800 UTC'): abbreviations, not organisations.
TIME_ZONES = words("""UTC GMT BST CET CEST EET EEST WET EST EDT CST CDT MST MDT PST PDT AEST
AEDT JST IST HKT SGT MSK""")
# Words that make a name a market index ('the Dow Jones Industrial Average', 'the Nasdaq
# Composite', 'the Hang Seng index'), not an organisation.
INDEX_WORDS = words("index indices indexes average averages composite")
# What a state names as a place when it qualifies it ('US stocks', 'the Japanese economy',
# 'Britain's economy'): its economy and markets are there, not acting.
ECONOMY_NOUNS = words("""economy economies market markets stock stocks shares equities bonds
index indexes indices exchange exchanges bourse gdp inflation unemployment recession growth
output exports imports housing""")
# Nouns after a name that make it a product, not its maker ('the MacBook Air laptop').
PRODUCT_NOUNS = words("""laptop laptops notebook notebooks computer computers phone phones
smartphone smartphones handset handsets tablet tablets device devices player players console
consoles software app apps browser chip chips processor processors model models car cars
sedan suv truck trucks jet jets jetliner jetliners airliner airliners aircraft plane planes
helicopter drone drones vehicle vehicles engine engines drug drugs vaccine vaccines pill
game games camera cameras watch watches headset headsets speaker speakers platform service
update version edition line range series rocket rockets missile missiles satellite""")
# Verbs whose object is a product ('unveiled the MacBook Air', 'launched the Model Q').
PRODUCT_VERBS = words("""released releases release unveiled unveils unveil launched launches
launch introduced introduces introduce debuted debuts debut shipped ships recalled recalls
recall upgraded discontinued""")
# Words that make a name an occasion, not someone who acts ('the Worldwide Developers
# Conference', 'the Paris Air Show').
OCCASION_WORDS = words("""Conference Convention Summit Expo Exposition Festival Fair Show
Games Olympics Championship Championships Cup Week Awards""")
# Words that make a name a building or venue, which is a place ('the Moscone Center').
VENUE_WORDS = words("""Center Centre Theater Theatre Hall Stadium Arena Auditorium Pavilion
Plaza Square Palace Cathedral Mosque Temple Museum Gallery Library Hotel Airport
Station Terminal Bridge Tower""")  # a spaceport is at its place (places.py)
