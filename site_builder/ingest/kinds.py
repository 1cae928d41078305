"""The vocabulary of event kinds: one table, used by the classifier and documented in the
README's content model ("Event kinds").

Each kind has a meaning, its cue words (verb lemmas, whose inflections are generated;
event nouns; phrasal verbs whose particle decides the kind) and an example sentence. A
word listed under two kinds takes the first one in the table, so the table's order is
part of it: append new kinds, keep the order of the others. Names follow how editors
name kinds in the annotated articles (`kind:` in tests/ingest_*/*.yaml): one lowercase
word, the noun for the happening ('recall', 'resignation').

How a clause gets its kind (verbs.main_trigger): the first cue word that is not a verb of
saying, but a verb that acts on an event decides over the event noun before it ('the
launch was postponed'); a light verb ('held talks', 'staged a walkout', 'set up an
investigation board') takes the kind of the event noun it governs; a noun that only
describes a company ('investment firm') is no cue. A saying with its own occasion ('told
reporters', 'said in a statement') is a statement; one dated on its own ('said on
Monday') is the speaker's deed it reports ('it had opened an investigation'), an
announcement of a plan of the speaker's ('it would cut 1,800 jobs'), and a statement
otherwise (reported.said_happening). Kinds the rules cannot tell apart by their words ('a
strike' by workers or by warplanes) share one name, as editors use it; the doer or the one
done to decides some (verbs.by_doer: people seized are kidnapped).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str
    meaning: str
    verbs: str = ""  # lemmas, space-separated
    nouns: str = ""  # single words, space-separated
    phrasal: str = ""  # 'verb particle' pairs, comma-separated
    example: str = ""
    # Lemmas that are cues only before their object: 'closed all beaches', not 'closed 2%
    # higher' or 'a close ally'.
    transitive: str = ""


KINDS: tuple[Kind, ...] = (
    Kind(
        "talks",
        "negotiations or a call between parties",
        "negotiate talk discuss confer",
        "talks negotiations call conversation dialogue round",
        "break down",
        "Negotiators from both sides will return to Havana for a new round of talks.",
    ),
    Kind(
        "meeting",
        "a meeting, summit or session of a body",
        "meet convene gather host",
        "meeting summit conference gathering session",
        "",
        "The European Central Bank is due to meet in Frankfurt on Thursday.",
    ),
    Kind(
        "visit",
        "someone travels to a place",
        "visit travel tour arrive fly land",
        "visit trip tour",
        "",
        "The prime minister visited flood-hit villages on Sunday.",
    ),
    Kind(
        "strike",
        "a labour strike (walkout, stoppage) or a military strike (air strikes, shelling, "
        "fighting); the actors tell which",
        "strike attack hit bomb shell shoot kill injure wound raid invade storm seize fight "
        "battle clash capture overrun retake recapture ambush target fire explode intercept "
        "destroy damage",
        "strike strikes airstrike airstrikes attack attacks bombing shelling offensive raid "
        "raids explosion blast assault drones missiles walkout walkouts stoppage stoppages "
        "work-to-rule",
        "shoot down, walk out, walk off, down tools",
        "Pilots walked off the job on Tuesday.",
    ),
    Kind(
        "statement",
        "something said, written or posted; the kind of a saying with its own occasion",
        "say tell add state write post tweet warn urge pledge vow praise criticise ask request "
        "appeal criticize condemn deny accuse reject welcome insist argue call stress "
        "reiterate acknowledge confirm push press threaten demand promise",
        "statement speech interview remarks post address",
        "call for, push back",
        "The finance minister welcomed the move in a statement.",
    ),
    Kind(
        "announcement",
        "news made public by those it concerns (a plan, a product, a disclosure)",
        "announce unveil declare introduce reveal open disclose",
        "announcement",
        "set up",
        "The union announced the strike dates.",
    ),
    Kind(
        "report",
        "figures, a study or findings published",
        "report release publish show estimate forecast project",
        "report summary data figures survey study assessment findings",
        "",
        "Data published by the statistics office showed inflation at 3.9%.",
    ),
    Kind(
        "plan",
        "a plan drafted, leaked or outlined",
        "plan draft leak outline",
        "plan blueprint framework",
        "",
        "A 28-point peace plan was leaked to the media.",
    ),
    Kind(
        "proposal",
        "a proposal or bill put forward",
        "propose",
        "proposal",
        "",
        "The proposal was first introduced by a congresswoman.",
    ),
    Kind(
        "decision",
        "a decision by an authority: rates, fines, bans, orders, approvals",
        "decide raise cut lower hike hold keep approve adopt veto ban suspend lift impose "
        "extend cancel award order fine eliminate",
        "decision ruling verdict sanctions ban fine",
        "strike down, sign off, pull out",
        "The central bank raised its key policy rate by a quarter point.",
    ),
    Kind(
        "vote",
        "a vote in a legislature or body; a bill passed",
        "vote pass",
        "vote",
        "",
        "The bill passed Congress by 78 votes to 31.",
    ),
    Kind(
        "ruling",
        "a court rules, sentences or convicts ('the ruling', a noun, refers to a decision)",
        "rule sentence convict acquit uphold overturn quash",
        "judgment sentencing",
        "",
        "A court sentenced the former executive to eight years in prison.",
    ),
    Kind(
        "agreement",
        "an agreement, ceasefire or treaty reached or signed",
        "agree sign conclude settle seal ratify",
        "agreement ceasefire cease-fire truce accord treaty pact",
        "",
        "The two sides signed a six-month ceasefire in Havana.",
    ),
    Kind(
        "deal",
        "a merger, acquisition, takeover or sale of a company or stake",
        "acquire buy purchase sell merge bid",
        "deal merger acquisition takeover bid",
        "",
        "The chipmaker agreed to buy its US rival for $4.2 billion.",
    ),
    Kind(
        "funding",
        "money raised or invested",
        "invest fund",
        "investment funding",
        "",
        "The startup raised 90 million euros in a funding round.",
    ),
    Kind(
        "contract",
        "a contract awarded or won (after 'award', 'win', 'sign')",
        "",
        "contract",
        "",
        "The agency awarded the company a 25 million euro contract.",
    ),
    Kind(
        "election",
        "an election or referendum, won or lost",
        "elect win defeat concede campaign",
        "election elections referendum ballot runoff primary poll",
        "",
        "The centre-right party won Sunday's snap election.",
    ),
    Kind(
        "appointment",
        "someone named to a post, or a reshuffle",
        "appoint name nominate hire replace succeed swear reshuffle",
        "appointment reshuffle",
        "",
        "The prime minister replaced his finance and health ministers.",
    ),
    Kind(
        "resignation",
        "someone leaves a post",
        "resign quit",
        "resignation",
        "step down",
        "The health minister resigned on Monday.",
    ),
    Kind(
        "arrest",
        "someone arrested or detained",
        "arrest detain jail",
        "arrest arrests detention",
        "",
        "Police arrested a 34-year-old former contractor.",
    ),
    Kind(
        "trial",
        "charges, a lawsuit or a trial",
        "charge indict sue prosecute",
        "trial lawsuit charges case complaint",
        "",
        "A class-action lawsuit by 9,000 customers will go to trial.",
    ),
    Kind(
        "investigation",
        "an investigation, probe or inquiry opened or widened",
        "investigate probe",
        "investigation probe inquiry evaluation audit",
        "",
        "The regulator opened an investigation into safety conditions at the mine.",
    ),
    Kind(
        "hearing",
        "a hearing, or people questioned by a committee or court",
        "question testify",
        "hearing hearings testimony",
        "",
        "Executives were questioned for six hours at a hearing.",
    ),
    Kind(
        "inspection",
        "an inspection ('regular inspection', a bare noun, is no event)",
        "inspect",
        "",
        "",
        "Labour inspectors inspected the tunnels in June.",
    ),
    Kind(
        "protest",
        "a protest, rally or riot",
        "protest demonstrate march rally riot",
        "protest protests demonstration rally march",
        "",
        "Hundreds of supporters protested outside the stadium.",
    ),
    Kind(
        "recall",
        "products recalled",
        "recall",
        "recall recalls",
        "",
        "The carmaker is recalling about 312,000 SUVs.",
    ),
    Kind(
        "launch",
        "something launched or started: a product, a route, a trial, a rocket",
        "launch",
        "launch",
        "lift off",
        "The health minister launched the trial at a clinic.",
    ),
    Kind(
        "layoffs",
        "jobs cut",
        "",
        "layoffs layoff redundancies",
        "lay off",
        "The company will cut about 1,800 jobs.",
    ),
    Kind(
        "attack",
        "a cyberattack, hack or data breach (armed attacks are strikes)",
        "hack",
        "cyberattack cyberattacks ransomware hack hacking breach intrusion",
        "",
        "A ransomware attack forced the hospital to turn away ambulances.",
    ),
    Kind(
        "kidnapping",
        "people kidnapped or taken hostage",
        "abduct kidnap",
        "abduction kidnapping kidnappings",
        "",
        "Gunmen abducted six soldiers during a patrol.",
    ),
    Kind(
        "release",
        "captives or prisoners freed",
        "free",
        "release",
        "",
        "The rebel group freed 14 hostages.",
    ),
    Kind(
        "disaster",
        "a natural disaster: flood, fire, earthquake, eruption, storm, epidemic",
        "flood erupt burn spread rage",
        "wildfire wildfires fire blaze earthquake quake flood floods flooding storm hurricane "
        "typhoon cyclone landslide eruption drought heatwave outbreak epidemic",
        "break out",
        "A wind-whipped wildfire tore through pine forests.",
    ),
    Kind(
        "accident",
        "an accident or failure: a crash, collision, collapse, spill",
        "crash collide derail sink collapse spill",
        "crash collision accident derailment collapse spill",
        "break apart, break up",
        "A container ship collided with a tanker in the harbour.",
    ),
    Kind(
        "rescue",
        "people rescued",
        "rescue",
        "rescue rescuers",
        "",
        "Rescuers pulled 14 miners alive from the mine.",
    ),
    Kind(
        "evacuation",
        "people evacuated or fleeing",
        "evacuate flee",
        "evacuation evacuations",
        "",
        "Thousands of residents were evacuated from low-lying areas.",
    ),
    Kind(
        "death",
        "someone dies or is found dead",
        "die",
        "death deaths dead",
        "",
        "A 61-year-old man was found dead in a burned-out house.",
    ),
    Kind(
        "funeral",
        "a funeral or burial",
        "bury",
        "funeral funerals burial",
        "",
        "Their funerals were held on Monday.",
    ),
    Kind(
        "closure",
        "something closed or shut down",
        "shut",
        "closure shutdown",
        "",
        "The municipality closed all beaches.",
        "close",
    ),
    Kind(
        "reopening",
        "something reopened or resumed",
        "reopen resume",
        "reopening",
        "",
        "The port authority partially reopened the harbour entrance.",
    ),
    Kind(
        "postponement",
        "something postponed or delayed",
        "postpone delay defer",
        "postponement",
        "",
        "The launch was postponed twice because of high winds.",
    ),
    Kind(
        "deployment",
        "troops, aircraft or aid sent",
        "send dispatch deploy",
        "deployment",
        "",
        "Italy and Croatia each sent two firefighting aircraft.",
    ),
    Kind(
        "deadline",
        "a date by which something must happen (a deadline extended is a decision)",
        "",
        "deadline",
        "",
        "The company has 60 days to change its practices.",
    ),
    Kind(
        "market",
        "prices, shares or markets move; results",
        "rise fall grow shrink jump drop slump surge climb decline tumble plunge soar rally "
        "slide gain ease",
        "earnings results profit loss revenue",
        "",
        "Shares of the company fell 6% in early trading.",
    ),
)
# Object nouns that give a light verb its kind without being event words on their own
# ('cut about 1,800 jobs', 'awarded the company a contract').
OBJECT_KINDS = {"jobs": "layoffs", "positions": "layoffs", "workers": "layoffs"}
# A light verb and the kind of its noun that together name another kind: a trial launched
# or begun is a study started ('launched the trial at a clinic'), not a court case.
LIGHT_KINDS = {("launch", "trial"): "launch", ("begin", "trial"): "launch"}
# Kinds whose verbs act on another happening, named before them ('The launch was postponed
# twice'): the verb decides, not the event noun.
EVENT_VERB_KINDS = frozenset({"postponement"})

KIND_NAMES = tuple(k.name for k in KINDS)
