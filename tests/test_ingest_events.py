"""Events: clauses become candidates, context dates them, reports of one happening merge."""

from datetime import date

import pytest

from site_builder.ingest.extract import extract
from site_builder.ingest.titles import headline
from site_builder.ingest.verbs import main_trigger, triggers

MONDAY = date(2026, 3, 16)


def events(text, published=MONDAY):
    return extract(text, published).events


def summary(event):
    return (
        event.when.iso(),
        event.kind,
        sorted(k[1] for k in event.actors),
        sorted(k[1] for k in event.locations),
    )


def test_one_sentence_can_report_two_happenings_at_different_times():
    found = events(
        "Three days of negotiations between Brazilian and Argentine officials in Geneva "
        "ended without a deal, as President Ana Souza prepares to meet Pope Leo in Rome "
        "on March 20."
    )
    talks, meeting = found
    assert (talks.when.iso(), talks.when.end_iso()) == ("2026-03-13", "2026-03-15")
    assert summary(talks)[1:] == ("talks", ["Argentina", "Brazil"], ["Geneva"])
    assert summary(meeting) == ("2026-03-20", "meeting", ["Ana Souza", "Leo"], ["Rome"])


def test_reports_of_the_same_happening_merge():
    found = events(
        "President Ana Souza will meet European leaders on March 20. "
        "Souza will visit Rome on March 20 to discuss trade with Prime Minister Marco Bianchi."
    )
    assert len(found) == 1
    assert found[0].sentences == [0, 1]
    assert summary(found[0])[2:] == (["Ana Souza", "Europe", "Marco Bianchi"], ["Rome"])


def test_same_day_strikes_on_different_places_stay_apart():
    found = events(
        "Russian strikes hit the city of Kharkiv overnight. "
        "Russian strikes also hit the city of Odesa, injuring five people."
    )
    assert [summary(e)[3] for e in found] == [["Kharkiv"], ["Odesa"]]


def test_a_strike_reported_without_its_attacker_keeps_the_last_attacker():
    found = events(
        "Russia launched missiles at Ukrainian cities overnight.\n"
        "The mayor of Kharkiv said his city suffered a massive attack."
    )
    assert summary(found[-1])[2:] == (["Russia"], ["Kharkiv"])


def test_a_sentence_with_no_time_inherits_it_from_the_one_before_as_approximate():
    found = events(
        "The Bank of Canada raised its key rate on Wednesday. "
        "The World Bank published a report on growth in emerging markets."
    )
    assert found[0].when.iso() == "2026-03-11" and not found[0].when.approximate
    assert found[1].when.iso() == "2026-03-11" and found[1].when.approximate


def test_hours_after_dates_the_leading_clause_before_the_main_one():
    found = events(
        "Hours after Ana Souza said she had a phone call with Pope Leo, "
        "Russia launched strikes on Kyiv overnight."
    )
    call = next(e for e in found if e.kind == "talks")
    assert call.when.iso() == "2026-03-15"


def test_an_anchor_dates_an_event_relative_to_one_already_drafted():
    found = events(
        "Trade talks in Geneva ended on Friday.\n"
        "The Geneva talks were preceded by a visit to Paris by Ana Souza."
    )
    visit = found[-1]
    assert summary(visit) == ("2026-03-12", "visit", ["Ana Souza"], ["Paris"])
    assert visit.when.approximate


def test_a_week_after_counts_back_from_the_referenced_event():
    found = events(
        "Northwind Motors reported a loss on Friday.\n"
        "The results came a week after rival Cascade Automotive announced job cuts."
    )
    assert found[-1].when.iso() == "2026-03-06"


def test_what_a_speaker_says_later_belongs_to_their_statement():
    found = events(
        "Prime Minister Marco Bianchi said on television on Sunday that the deal was fair.\n"
        "The Italian leader said the government would sign it.\n"
        "“We will not wait,” Bianchi added."
    )
    assert len(found) == 1
    assert found[0].sentences == [0, 1, 2]


def test_a_statement_about_the_decision_joins_the_decision():
    found = events(
        "Norges Bank raised its key rate on Thursday.\n"
        "Norges Bank Governor Ingrid Halvorsen told a news conference that the decision "
        "was unanimous."
    )
    assert len(found) == 1
    assert found[0].sentences == [0, 1]


def test_a_following_sentence_without_a_happening_supports_the_last_event():
    found = events(
        "A landslide hit the town of Quito on Sunday. No deaths have been confirmed so far."
    )
    assert found[0].sentences == [0, 1]


def test_the_two_companies_refers_to_the_last_pair():
    found = events(
        "Veldhoven Photonics agreed on Monday to buy Lumetric Systems.\n"
        "The two companies first held talks last year, but negotiations collapsed in October."
    )
    collapse = next(e for e in found if e.when.iso() == "2025-10")
    assert sorted(k[1] for k in collapse.actors) == ["Lumetric Systems", "Veldhoven Photonics"]


def test_positions_and_background_are_not_events():
    found = events(
        "Territory is a long-standing sticking point for any deal.\n"
        "Ukraine maintains that a just peace would include security guarantees.\n"
        "Turnout was 61%, up from 52% at the last election in 2024."
    )
    assert found == []


def test_negated_sentences_are_not_events():
    assert events("The proposal has not been shared publicly.") == []


def test_a_sentence_about_the_ruling_supports_the_ruling():
    found = events(
        "The Supreme Court struck down the finance law on Friday.\n"
        "The ruling is a blow to President Daniel Otieno.\n"
        "The IMF said it was studying the ruling."
    )
    assert [(e.kind, e.sentences) for e in found] == [("decision", [0, 1, 2])]


def test_what_an_officer_says_about_the_company_belongs_to_its_news():
    found = events(
        "Northwind Motors reported a loss on Wednesday.\n"
        "Chief Financial Officer Priya Raman told analysts on a call that the company "
        "would cut 3,000 jobs."
    )
    assert len(found) == 1 and found[0].sentences == [0, 1]


def test_background_in_reported_speech_is_not_a_new_event():
    found = events(
        "The Supreme Court struck down the finance law on Friday.\n"
        "Chief Justice Martha Wanjiru said the law had been passed without consultation."
    )
    assert len(found) == 1 and found[0].sentences == [0, 1]


def test_statements_by_different_people_stay_apart():
    found = events(
        "President Daniel Otieno said in a televised address on Friday that he respected "
        "the decision.\nOpposition leader Grace Achieng called for Otieno to resign on Friday."
    )
    assert [e.actors[0][1] for e in found] == ["Daniel Otieno", "Grace Achieng"]


def test_the_lede_reports_a_happening_even_with_an_unknown_verb():
    found = events("Greek firefighters battled a wildfire near Athens on Saturday.")
    assert summary(found[0])[0] == "2026-03-14" and summary(found[0])[3] == ["Athens"]


def test_a_gerund_clause_belongs_to_its_main_clause():
    found = events(
        "President Marta Silva will meet party leaders on Wednesday before asking "
        "Rui Moreira to form a government."
    )
    assert len(found) == 1


def test_an_audience_is_not_an_actor():
    found = events("Minister Nikos Pappas told state broadcaster ERT on Sunday that it was hard.")
    assert [k[1] for k in found[0].actors] == ["Nikos Pappas"]


KIND_TABLE = [
    # issue 3: labour strikes are strikes; a light verb takes the kind of its event noun
    ("Dockworkers on Friday extended their strike at the harbour for a third week.", "strike"),
    ("About 2,000 workers walked out over wages on Friday.", "strike"),
    ("Nurses staged a two-day walkout on Friday.", "strike"),
    # military strikes keep their kind; a phrasal verb still changes the meaning
    ("Warplanes struck targets near the border on Friday.", "strike"),
    ("The supreme court struck down the law on Friday.", "decision"),
    # 'extend' without an event noun is still a decision
    ("The regulator extended the deadline on Friday.", "decision"),
    # issue 13: a company named by its trade is no event ('investment firm')
    (
        "American investment firm Bluecrest agreed on Saturday to buy a stake in the club.",
        "agreement",
    ),
    # what a round is of names the event; a light verb reaches past an aside in brackets
    ("Dockworkers began a second round of stoppages on Friday.", "strike"),
    ("Kestrel raised 90 million euros ($104 million) in a funding round on Friday.", "funding"),
    ("Kestrel set up an investigation board on Friday.", "investigation"),
    # a verb acting on an event decides over the event noun before it
    ("The launch was postponed on Friday because of high winds.", "postponement"),
    # a participle after an article is an adjective; a dateline's dash opens the sentence
    ("LIMA (Reuters) — Rescuers on Friday pulled 14 miners from a collapsed mine.", "rescue"),
    # 'close' is a cue before its object only; after a possessive a verb form is a noun
    ("The municipality closed all beaches on Tuesday and warned residents.", "closure"),
    # a trial launched is a study started; a vehicle that strikes something collides
    ("The health minister launched the trial at a clinic in Kisumu on Friday.", "launch"),
    ("The container ship Cape Meridian struck a tanker in the harbour on Friday.", "accident"),
    ("Warplanes hit a tanker in the harbour on Friday.", "strike"),
    # people seized are kidnapped, a town seized is fought over
    ("Rebels seized four aid workers near the border on Friday.", "kidnapping"),
    ("The two journalists had been seized at a checkpoint on Friday.", "kidnapping"),
    ("Rebels seized the town of Kaya on Friday.", "strike"),
    ("Gunmen kidnapped a priest near the border on Friday.", "kidnapping"),
    # a court that rejects a request rules; a legislature's committee that approves votes
    ("The supreme court on Friday rejected a request by the union.", "ruling"),
    ("The opposition rejected the request on Friday.", "statement"),
    ("The senate finance committee approved the revised text on Friday.", "vote"),
    ("The regulator approved the merger on Friday.", "decision"),
    # positions eliminated are jobs cut; a rocket that lifts off is launched
    ("The company eliminated about 300 positions on Friday.", "layoffs"),
    ("The rocket lifted off from the spaceport on Friday.", "launch"),
    # people ordered to leave are evacuated; messages sent are no deployment
    (
        "Officials sent text messages on Friday ordering residents of two towns to leave.",
        "evacuation",
    ),
    ("The regional government ordered the plant to close on Friday.", "decision"),
    ("Spain sent two firefighting aircraft on Friday.", "deployment"),
    # a law signed is enacted, a truce signed agreed; tear gas fired meets a protest
    ("The new tax law was signed on Friday.", "decision"),
    ("The two sides signed a truce on Friday.", "agreement"),
    ("Police fired tear gas at students in the capital on Friday.", "protest"),
    ("Troops fired rockets at the airport on Friday.", "strike"),
    # fighting an illness is no fighting
    ("Rebels fought government troops near the border on Friday.", "strike"),
    # 'primary' before a noun is an adjective; 'primary' alone is an election
    ("The primary index fell 2% on Friday.", "market"),
    ("The senator won the primary on Friday.", "election"),
]


def test_losing_is_no_election_cue():
    """'lost much of their funds', 'having lost 1.2%': 'lose' names no election; a lost
    case is a trial, a lost election an election."""
    assert "election" not in [e.kind for e in events("The charity lost much of its savings.")]
    found = events("The label lost its court case against the company on Friday.")
    assert [e.kind for e in found] == ["trial"]
    found = events("The governing party lost the election on Friday.")
    assert [e.kind for e in found] == ["election"]


def test_a_claim_after_a_preposition_is_no_saying():
    found = events("A lawsuit was filed against the carmaker on Friday over claims of fraud.")
    assert [(e.kind, e.statement) for e in found] == [("trial", False)]


def test_a_breach_of_an_agreement_is_no_cyberattack():
    def kind(text):
        found = main_trigger(triggers(text), text)
        return found.kind if found else None

    assert kind("the new store was a breach of the 2019 settlement") is None
    assert kind("hackers carried out a breach of its customer data systems") == "attack"


def test_an_audience_told_is_the_saying_s_occasion_not_a_meeting():
    text = "Minister Ana Ruiz told a news conference in Lima"
    assert main_trigger(triggers(text), text).kind == "statement"
    text = "Minister Ana Ruiz opened a news conference in Lima"
    assert main_trigger(triggers(text), text).kind == "meeting"


def test_fighting_an_illness_is_no_strike():
    assert "strike" not in [e.kind for e in events("The actor fought lung cancer in 2019.")]


def test_a_verb_form_after_no_or_any_is_a_noun():
    found = events("The opposition gave no sign of compromise on Thursday.")
    assert "agreement" not in [e.kind for e in found]


@pytest.mark.parametrize(("sentence", "kind"), KIND_TABLE)
def test_kind_lexicon(sentence, kind):
    assert [e.kind for e in events(sentence)] == [kind]


# issue 13: a saying dated on its own is not always a statement
SAYING_TABLE = [
    # the speaker's own deed, reported on a day: the deed
    (
        "The regulator said on Thursday it had opened an investigation into the mine.",
        "investigation",
    ),
    (
        "Orbis Pharma said on Tuesday that it had signed a supply agreement with a hospital.",
        "agreement",
    ),
    # the speaker's own plan, made public on a day: an announcement
    ("Quill Software said on Tuesday it would cut about 1,800 jobs.", "announcement"),
    ("The agency said on Thursday it was releasing $5 million from its fund.", "announcement"),
    # an attribution after what happened: what happened
    ("Altavia Motors is recalling 312,000 cars, the company said on Thursday.", "recall"),
    # someone else's doing, or words only: a statement
    ("Bluecrest Partners said on Friday it would appeal the fine.", "statement"),
    (
        "Minister Kari Lunde said on Wednesday that the government would review permits.",
        "statement",
    ),
    ("The union said on Wednesday that it had rejected a pay offer.", "statement"),
    (
        "Governor Ingrid Halvorsen told a news conference in Oslo that the decision was final.",
        "statement",
    ),
    # a decision to come, made public on a day, is announced; one done is words on it
    (
        "The transport minister said on Monday that drivers would be able to extend their "
        "permits free of charge.",
        "announcement",
    ),
    ("The transport minister said on Monday that drivers had extended their permits.", "statement"),
    # an undated saying of something to come on a day of its own: that happening
    ("A government spokeswoman said the cabinet would meet on Monday to approve aid.", "meeting"),
    ("The bank said it would publish its next monetary policy report on June 18.", "report"),
    ("Union leader Ana Ortega said the union would call a new strike on March 20.", "strike"),
    # 'was expected to' is still to come; 'the investigation' names who, not what, happens
    (
        "Chief executive Lena Brandt said the investigation board was expected to present "
        "preliminary findings in April.",
        "report",
    ),
]


@pytest.mark.parametrize(("sentence", "kind"), SAYING_TABLE)
def test_what_a_saying_reports_decides_its_kind(sentence, kind):
    assert [e.kind for e in events(sentence)] == [kind]


def test_what_was_not_done_is_no_happening():
    found = events(
        "Rather than recall the phones, Steve Jobs said on Friday that Apple would offer "
        "a free case."
    )
    assert "recall" not in [e.kind for e in found]


def test_a_speech_made_is_a_statement_of_its_own():
    found = events(
        "Norvik shares fell 5% on Friday.\n"
        "President Ana Souza made an address on the economy and said markets were calm."
    )
    assert [e.kind for e in found] == ["market", "statement"]


def test_close_without_an_object_is_no_closure():
    found = events(
        "Norvik reported a loss on Monday.\nShares of Norvik closed 2% higher on Tuesday."
    )
    assert "closure" not in [e.kind for e in found]


def test_a_verb_form_after_a_possessive_is_a_noun():
    found = events(
        "Norvik reported a loss on Monday.\nHackers put the files on their leak site on Tuesday."
    )
    assert "plan" not in [e.kind for e in found]  # no leak was drafted


def test_a_saying_with_a_channel_and_a_plan_to_come_is_a_statement():
    found = events("Rui Moreira told supporters in Porto that he would start talks this week.")
    assert [e.kind for e in found] == ["statement"]


def test_after_the_announcement_anchors_to_the_announced_event():
    found = events(
        "Orbis Pharma said on Tuesday that it had signed a supply agreement with a hospital.\n"
        "Analysts welcomed the news on Thursday.\n"
        "Orbis shares rose 9% in London after the announcement."
    )
    shares = [e for e in found if e.kind == "market"]
    assert shares and shares[0].when.iso() == "2026-03-10"


def test_following_the_verdict_anchors_to_the_recent_ruling_not_background():
    found = events(
        "Tomas Lind was arrested in March after an investigation.\n"
        "A court in Oslo on Tuesday sentenced Tomas Lind to eight years in prison.\n"
        "Norvik shares fell 12% in Oslo following the verdict."
    )
    shares = [e for e in found if e.kind == "market"]
    assert shares and shares[0].when.iso() == "2026-03-10"


def test_a_dated_background_event_without_a_named_actor_is_drafted():
    found = events(
        "The Kestrel union said on Wednesday that it had rejected a pay offer.\n"
        "The strike began on March 2, when about 2,000 workers walked out over wages."
    )
    assert ("2026-03-02", "strike") in {(e.when.iso(), e.kind) for e in found}


def test_a_newly_named_minister_makes_a_statement_of_their_own():
    found = events(
        "The union said on Tuesday that dockworkers in Oslo had rejected a pay offer.\n"
        "Norwegian Trade Minister Kari Lunde said both sides should return to the table."
    )
    assert [(e.kind, [k[1] for k in e.actors], e.sentences) for e in found] == [
        ("statement", [], [0]),
        ("statement", ["Kari Lunde"], [1]),
    ]


def test_words_inside_a_quotation_do_not_decide_the_kind():
    found = events(
        "A court in Oslo on Tuesday jailed Tomas Lind for bribery.\n"
        '"The defendant damaged public trust and the environment," judge Eva Berg said on '
        "Wednesday."
    )
    assert found[-1].kind == "statement"


TITLE_TABLE = [
    # issue 3, then issue 13: no reporting frame, no time phrase, the present tense
    (
        "The Kestrel Havens union said on Wednesday that it had rejected a 4.5% pay offer",
        "Kestrel Havens union rejects a 4.5% pay offer",
    ),
    (
        "Dockworkers at the harbour extended their strike on Tuesday for a third week",
        "Dockworkers at the harbour extend their strike for a third week",
    ),
    (
        "Drugmaker Orbis Pharma, which makes the vaccine, said on Tuesday that it had signed a "
        "supply agreement",
        "Drugmaker Orbis Pharma signs a supply agreement",
    ),
    # a common-noun subject keeps its speaker; the date is the record's, not the title's
    (
        "Energy Minister Kari Lunde said on Wednesday that the government would review permits",
        "Energy Minister Kari Lunde says government will review permits",
    ),
    ("The strike began on Feb. 23", "Strike begins"),
    (
        "Shipping company Norhaven said it had diverted ships to Antwerp",
        "Shipping company Norhaven diverts ships to Antwerp",
    ),
]


@pytest.mark.parametrize(("clause", "title"), TITLE_TABLE)
def test_titles_are_short_factual_headlines(clause, title):
    assert headline(clause) == title


def test_during_the_hearing_dates_an_event_without_actors_and_the_court_is_a_place():
    found = events(
        "A Jakarta court on Tuesday sentenced Budi Rahman to eight years in prison.\n"
        "Environmental groups held a protest outside the court during the hearing."
    )
    assert [summary(e) for e in found] == [
        ("2026-03-10", "ruling", ["Budi Rahman"], ["Jakarta"]),
        ("2026-03-10", "protest", [], []),
    ]


def test_after_the_announcement_is_not_the_decision_reported_just_before():
    found = events(
        "Velora said on Wednesday that it had agreed to buy chip designer Quantrel.\n"
        "Quantrel's board approved the deal on Tuesday, the company said.\n"
        "Quantrel shares jumped 18% in Frankfurt after the announcement."
    )
    shares = [e for e in found if e.kind == "market"]
    assert shares and shares[0].when.iso() == "2026-03-11"


def test_a_statement_after_a_background_sentence_is_dated_by_the_latest_news():
    found = events(
        "Dockworkers in Oslo extended their strike on Friday for a third week.\n"
        "The strike began on Feb. 23, when about 2,000 workers walked out over wages.\n"
        "Trade Minister Kari Lunde urged both sides to return to the table."
    )
    assert summary(found[-1])[:3] == ("2026-03-13", "statement", ["Kari Lunde"])


def test_a_newly_named_company_reporting_its_own_deed_is_an_event_of_its_own():
    found = events(
        "Dockworkers in Oslo extended their strike on Friday for a third week.\n"
        "Shipping company Norhaven said it had diverted ships to the port of Antwerp."
    )
    assert [summary(e)[2:] for e in found] == [([], ["Oslo"]), (["Norhaven"], ["Antwerp"])]


def test_the_company_an_officer_speaks_of_is_their_employer():
    found = events(
        "Velora Vice Chairman Park Min-jun said on Wednesday that the company had agreed "
        "to buy chip designer Quantrel."
    )
    assert {"Velora", "Park Min-jun", "Quantrel"} <= {k[1] for k in found[0].actors}


def test_would_continue_through_gives_the_last_event_its_end_not_a_new_event():
    found = events(
        "Dockworkers at the Port of Antwerp walked off the job on Saturday. "
        "The union said the strike would continue through Wednesday."
    )
    assert len(found) == 1
    strike = found[0]
    assert (strike.when.iso(), strike.when.end_iso()) == ("2026-03-14", "2026-03-18")
    assert strike.sentences == [0, 1]


def test_going_on_until_a_far_date_is_no_end_of_the_last_event():
    found = events(
        "Dockworkers at the Port of Antwerp walked off the job on Saturday. "
        "The union said the contract would run until Dec. 31."
    )
    assert found[0].when.end_iso() is None


def test_a_passive_future_dates_a_day_without_a_year_forward():
    """'will be notified … starting June 29': the '-ed' of a passive is no past tense."""
    found = events(
        "Owners will be notified by letter starting June 29, according to documents.",
        published=date(2026, 5, 15),
    )
    assert found[0].when.iso() == "2026-06-29"


def test_during_an_unnamed_occasion_keeps_the_sentence_s_own_date():
    """'during a patrol … in August 2025' says how, not which known happening."""
    found = events("The six soldiers had been seized during a patrol in August 2025.")
    assert [(e.when.iso(), e.kind) for e in found] == [("2025-08", "kidnapping")]


def test_for_a_third_day_on_friday_spans_back_to_wednesday():
    found = events(
        "Protesters clashed with police in Athens for a third day on Friday.",
        published=date(2026, 7, 24),
    )
    assert (found[0].when.iso(), found[0].when.end_iso()) == ("2026-07-22", "2026-07-24")


def test_recently_gives_way_to_the_day_named_after_it():
    found = events(
        "The launch had been postponed twice, most recently on June 9, because of winds.",
        published=date(2026, 6, 18),
    )
    assert found[0].when.iso() == "2026-06-09"


def test_a_founded_in_aside_does_not_date_the_main_clause():
    found = events(
        "Kestrel, founded in Munich in 2019 by former engineers, said on Friday it had "
        "raised 90 million euros.",
    )
    assert [e.when.iso() for e in found] == ["2026-03-13"]  # not 2019, the aside's year


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # 'must' points ahead; 'capped' after 'of' is an adjective, no past tense
        ("Digemid must publish the first list of capped prices by Sept. 30.", "2026-09-30"),
        # a capitalised name between 'of' and 'said' does not make 'said' an adjective
        ("The Association of Drug Laboratories said on Friday it would sue.", "2026-06-19"),
    ],
)
def test_the_tense_that_places_a_day_without_a_year(text, day):
    assert events(text, published=date(2026, 6, 19))[0].when.iso() == day


def test_a_when_clause_takes_the_time_its_main_clause_names():
    found = events(
        "Helvora was bought by Nordvik Capital in June 2024. The incident has revived "
        "memories of September 2020, when a ransomware attack on Duesseldorf University "
        "Hospital forced its emergency department to turn away patients.",
        published=date(2026, 10, 21),
    )
    assert ("2020-09", "attack") in [(e.when.iso(), e.kind) for e in found]  # a cyberattack


def test_a_deadline_takes_the_nearest_year_whatever_the_tense():
    found = events(
        "The gang said it had copied the files and gave the company until Oct. 30 to pay.",
        published=date(2026, 10, 21),
    )
    assert "2026-10-30" in [e.when.iso() for e in found]


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("Last November, Altavia recalled about 85,000 of the vehicles.", "2025-11"),
        ("In March, the agency upgraded the probe to an engineering analysis.", "2026-03"),
    ],
)
def test_a_month_opening_a_sentence_dates_it(text, when):
    assert events(text, published=date(2026, 5, 15))[0].when.iso() == when


def test_common_verbs_of_emergencies_report_events():
    found = events(
        "A fire broke out on Wednesday near Athens. Italy and Croatia each sent two "
        "aircraft on Thursday. Thousands of residents fled their homes on Friday.",
        published=date(2026, 7, 24),
    )
    assert [(e.when.iso(), e.kind) for e in found] == [
        ("2026-07-22", "disaster"),
        ("2026-07-23", "deployment"),
        ("2026-07-24", "evacuation"),
    ]


def test_an_anchor_naming_no_drafted_event_still_gives_its_time():
    """'after a review on Wednesday': no review was drafted, but Wednesday is the time."""
    found = events(
        "Ministers will meet after a review at 6 p.m. on Wednesday.",
        published=date(2026, 11, 10),
    )
    assert [(e.when.iso(), e.when.approximate) for e in found] == [("2026-11-11", True)]


def test_a_second_clause_after_comma_and_with_its_own_subject_is_its_own_happening():
    found = events(
        "The mayor, Tomas Brandl, resigned in January, and city police arrested a former "
        "aide in February on suspicion of fraud."
    )
    assert [(e.when.iso(), e.kind) for e in found] == [
        ("2026-01", "resignation"),
        ("2026-02", "arrest"),
    ]


def test_a_list_ending_in_comma_and_is_not_a_second_clause():
    found = events("Police arrested Ana Lopes, Marco Ruiz, and Ines Vidal on Friday in Porto.")
    assert len(found) == 1
    assert summary(found[0])[2] == ["Ana Lopes", "Ines Vidal", "Marco Ruiz"]


def test_a_past_verb_outside_the_lexicon_with_its_own_time_reports_a_happening():
    found = events(
        "Norvale Bank shed about 900 jobs in 2024. Norvale eliminated 600 posts in February."
    )
    assert "2026-02" in [e.when.iso() for e in found]


def test_a_stative_past_verb_with_a_time_is_no_happening():
    found = events(
        "Workers at Lyon airport began a strike on Monday. Queues seemed shorter on Tuesday."
    )
    assert [e.kind for e in found] == ["strike"]


@pytest.mark.parametrize(
    "aside",
    [
        "Brava Foods sells frozen meals to supermarkets across Europe.",  # what it does
        "A Brava spokeswoman declined to comment.",  # nothing said
        "The owner, Halden Capital, declined to say how much it had paid.",
        "The plant in Lyon remained shut on Saturday.",  # a state that goes on
        "Brava said it was aware of two complaints of food poisoning.",
        "The recall is the third this year.",  # a ranking
        "Under European Union rules, buyers may be entitled to a refund.",  # what may be
    ],
)
def test_a_description_or_a_refusal_to_comment_is_no_happening(aside):
    found = events(f"Brava Foods recalled 40,000 pizzas on Friday. {aside}")
    assert [e.kind for e in found] == ["recall"]
    assert len(found[0].sentences) == 2  # the aside supports the event


def test_a_past_the_same_as_its_present_still_reports_a_happening():
    found = events(
        "Russian drones struck Odesa on Friday. Missiles also hit the city of Lviv, "
        "injuring three people."
    )
    assert len(found) == 2


def test_a_quotation_told_to_reporters_comments_on_the_news():
    found = events(
        "Rescuers freed 20 miners from the Vila Nova mine on Friday.\n\n"
        '"Today the whole country can breathe again," Mines Minister Clara Duarte told '
        "reporters at the mine."
    )
    assert [(e.kind, e.sentences) for e in found] == [("rescue", [0, 1])]


def test_a_quotation_told_with_a_day_of_its_own_is_a_statement():
    found = events(
        "Rescuers freed 20 miners from the Vila Nova mine on Friday.\n\n"
        '"We will learn from this," Mines Minister Clara Duarte told reporters on Sunday.'
    )
    assert [e.kind for e in found] == ["rescue", "statement"]


def test_a_relative_aside_with_a_time_of_its_own_is_background_news():
    found = events(
        "Norvale Bank said on Friday it would close 40 branches. The bank, which went "
        "public on the Oslo exchange in 2015, employs 9,000 people."
    )
    assert "2015" in [e.when.iso() for e in found]


def test_a_relative_aside_without_a_time_only_describes():
    found = events(
        "Norvale Bank said on Friday it would close 40 branches. The bank, which went "
        "public on the Oslo exchange, employs 9,000 people."
    )
    assert [e.when.iso() for e in found] == ["2026-03-13"]


def test_a_common_irregular_past_with_its_own_time_reports_a_happening():
    found = events("Floods cut roads in Porto on Friday. The old bridge gave way in 1998.")
    assert "1998" in [e.when.iso() for e in found]


def test_a_second_verb_of_the_same_subject_is_the_same_happening():
    found = events(
        "The Vega prototype lifted off from Kiruna on Friday, but began to tumble after "
        "about 30 seconds and broke up over the sea."
    )
    assert len(found) == 1


def test_after_a_gerund_is_no_new_clause_and_the_time_is_the_clause_s():
    found = events(
        "The loss comes a year after a rival prototype crashed shortly after lifting off "
        "from the same pad in March 2025.",
    )
    assert "2025-03" in [e.when.iso() for e in found]


def test_an_effort_that_goes_on_is_no_happening():
    found = events(
        "Brava Foods recalled 40,000 pizzas on Friday. Regulators have been trying to "
        "tighten rules on frozen food for years."
    )
    assert [e.kind for e in found] == ["recall"]


def test_a_relative_aside_is_about_the_organisation_it_describes():
    found = events(
        "Norvale Software said on Friday it would cut 300 jobs. The company, which went "
        "public on the Nasdaq in 2015, employs 9,000 people."
    )
    aside = next(e for e in found if e.when.iso() == "2015")
    assert [k[1] for k in aside.actors] == ["Norvale Software"]
