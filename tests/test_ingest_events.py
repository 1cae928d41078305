"""Events: clauses become candidates, context dates them, reports of one happening merge."""

from datetime import date

from site_builder.ingest.extract import extract

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
