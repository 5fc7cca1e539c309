"""Sentences in the shapes other writers use: Russian MoD digests, General Staff summaries, wire
stories, foreign intelligence statements. Each was written for these tests before the rule or
parse path that reads it, from a genre the older test files do not cover.
"""
from __future__ import annotations

from tracker import extract_events
from tracker.extract import extract_mentions

DATE = "2026-12-01"


def facts(text: str) -> set[tuple]:
    return {(m.side, m.kind, m.place, m.relation) for m in extract_mentions(text, DATE)}


def test_a_formation_name_is_no_attack_cue():
    # "Assault" in the division's name cut the clause before its destination
    got = facts("The Russian command has moved elements of the 76th Air Assault Division from the "
                "Zaporizhia direction to Kursk Oblast.")
    assert got == {("russia", "deployment", "Kursk Oblast", "to")}


def test_a_country_that_sends_troops_is_their_side():
    got = facts("North Korea had sent about 1,500 special forces troops to Vladivostok.")
    assert got == {("north_korea", "deployment", "Vladivostok", "to")}


def test_a_second_verb_of_an_effort_is_an_attack():
    # the effort under way is an attack, not a gain, for both verbs of "trying to ... and ..."
    got = facts("Russian forces are trying to cross the border and gain a foothold in Ukraine's Sumy province.")
    assert {k for _, k, _, _ in got} == {"attack"}
    got = facts("Russian forces were only trying to gain a foothold in Zaporizke while Ukrainian troops "
                "defended it.")
    assert got == {("russia", "attack", "Zaporizke", "in")}


def test_continuing_to_advance_is_an_advance():
    got = facts("Ukrainian forces continued to advance toward Svatove on Tuesday, the General Staff said.")
    assert got == {("ukraine", "advance", "Svatove", "toward")}


def test_a_withdrawal_to_save_lives_is_a_loss_and_one_to_be_used_elsewhere_is_not():
    got = facts("Ukraine pulled its troops out of the besieged eastern stronghold of Avdiivka to save "
                "soldiers' lives, the president said.")
    assert got == {("russia", "advance", "Avdiivka", "in")}
    got = facts("The Russian command pulled two regiments out of Kherson Oblast to use them near Vuhledar.")
    assert ("ukraine", "advance", "Kherson Oblast", "in") not in got


def test_those_a_town_is_cleared_of_lose_it():
    got = facts("Ukraine's General Staff said that troops had cleared the city of Pokrovsk of Russian "
                "soldiers over the past week.")
    assert got == {("ukraine", "advance", "Pokrovsk", "in")}


def test_forces_brought_in_to_reinforce_a_place_are_deployed_there():
    got = facts("Russian marines were brought in from the Kherson region to reinforce troops near Vuhledar.")
    assert got == {("russia", "deployment", "Vuhledar", "near")}
    got = facts("The Kremlin has poured reinforcements into the Pokrovsk area in recent weeks.")
    assert got == {("russia", "deployment", "Pokrovsk", "near")}


def test_a_participle_says_what_an_action_near_a_place_won():
    got = facts("Ukrainian troops struck back near Robotyne, regaining several positions lost earlier "
                "in the week, according to the brigade.")
    assert got == {("ukraine", "advance", "Robotyne", "near")}


def test_making_it_into_a_city_is_a_gain():
    got = facts("Ukrainian special military units have made it into Kherson city, though the full "
                "deployment of troops was still under way.")
    assert ("ukraine", "advance", "Kherson", "into") in got


def test_reinforced_with_tanks_deploys_nothing():
    got = facts("The Russian army said it had repelled several Ukrainian attacks carried out by forces "
                "reinforced with tanks near Mala Tokmachka.")
    assert not any(k == "deployment" for _, k, _, _ in got)


def test_a_place_of_a_peoples_republic_is_in_that_oblast():
    # the MoD digest's "of the Donetsk People's Republic" binds like "in Donetsk Oblast"
    [e] = extract_events("Units of the Tsentr group of forces liberated the settlement of Novopavlovka of "
                         "the Donetsk People's Republic, the Russian Defence Ministry reported.",
                         report_date=DATE)
    assert (e.side, e.kind, e.admin1) == ("russia", "advance", "Donetsk Oblast")


def test_a_city_named_as_written_beats_a_town_that_once_bore_its_name():
    # Korolev near Moscow was called Kaliningrad until 1996; places near Moscow in the text
    # must not pull the name there
    events = extract_events("Satellite imagery shows Russian equipment massing near Klintsy in Bryansk Oblast.\n"
                            "Russia has stationed new launchers in Kaliningrad, a Lithuanian official said.",
                            report_date=DATE)
    by = {e.place: e for e in events}
    assert by["Kaliningrad"].admin1 == "Kaliningrad Oblast"


def test_deployed_to_a_town_is_at_the_town():
    [e] = extract_events("North Korea had sent about 1,500 special forces troops to Vladivostok.",
                         report_date=DATE)
    assert e.precision == "point" and e.uncertainty_km < 10


def test_a_side_conceding_a_gain_claims_it():
    [m] = extract_mentions("Russian troops have advanced to the outskirts of Kostiantynivka, the Ukrainian "
                           "military conceded.", DATE)
    assert (m.side, m.status, m.claimant) == ("russia", "claimed", "Ukrainian military")


def test_fending_off_attempts_is_the_attempters_attack():
    got = facts("Ukrainian troops are fending off Russian attempts to encircle Velyka Novosilka.")
    assert got == {("russia", "attack", "Velyka Novosilka", "around")}


def test_a_side_reporting_fighting_reports_the_others_attacks():
    got = facts("Heavy fighting raged around Chasiv Yar on Sunday, the Ukrainian military said.")
    assert got == {("russia", "attack", "Chasiv Yar", "near")}
    got = facts("The Ukrainian military said heavy fighting raged around Chasiv Yar on Sunday.")
    assert got == {("russia", "attack", "Chasiv Yar", "near")}


def test_a_third_countrys_troops_present_at_a_place_are_deployed_there():
    got = facts("Thousands of North Korean soldiers are now in the Kursk region, the Pentagon said.")
    assert got == {("north_korea", "deployment", "Kursk region", "in")}
    got = facts("The presence of North Korean troops in Kursk Oblast was confirmed by the Pentagon.")
    assert got == {("north_korea", "deployment", "Kursk Oblast", "in")}
    # a belligerent's forces "in" a town are a question of gain, not a deployment
    assert not facts("Russian troops are now in the centre of Toretsk, the brigade said.") & {
        ("russia", "deployment", "Toretsk", "in")}


def test_the_forces_carried_are_the_ones_deployed():
    got = facts("Russia flew North Korean officers to the Baranovsky training ground near Ussuriysk.")
    assert {(s, k) for s, k, _, _ in got} == {("north_korea", "deployment")}


def test_an_oblasts_centre_does_not_pick_the_village_inside_it():
    # six villages called Zaporizke lie in Dnipropetrovsk Oblast; the one on the front, not the
    # one nearest Dnipro, is the likelier subject when nothing else in the text tells
    [e] = extract_events("DeepState said on Tuesday that Russian troops now occupy Zaporizke in the "
                         "Dnipropetrovsk region.", report_date=DATE)
    assert e.admin1 == "Dnipropetrovsk Oblast" and e.lon > 36.0


def test_first_person_is_the_enemys_opponent_not_the_last_side_named():
    # a General Staff summary: "our defenders" stop the enemy's assaults; they are not "the enemy"
    got = facts("The enemy was most active in the Pokrovsk direction, where our defenders stopped 52 "
                "assaults near Myrnohrad and Udachne.")
    assert ("russia", "attack", "Myrnohrad", "near") in got and ("russia", "attack", "Udachne", "near") in got
    assert not any(side == "ukraine" for side, *_ in got)


def test_fighting_with_no_subject_is_the_attack_the_sentence_names():
    # a wire story: the neutral "fighting" takes the side of whoever the sentence says attacks
    got = facts("Heavy fighting raged around Chasiv Yar on Tuesday as Russian troops tried to storm the "
                "canal district.")
    assert got == {("russia", "attack", "Chasiv Yar", "near")}
    got = facts("Fighting continued near Siversk, where Ukrainian troops repelled Russian assaults near "
                "Bilohorivka.")
    assert got == {("russia", "attack", "Siversk", "near"), ("russia", "attack", "Bilohorivka", "near")}
    # a subject of its own still decides
    got = facts("Russian forces fought near Kreminna and Ukrainian forces counterattacked near Dibrova.")
    assert ("russia", "attack", "Kreminna", "near") in got and ("ukraine", "attack", "Dibrova", "near") in got


def test_a_gain_with_no_agent_is_the_trailing_speakers_own():
    # MoD digests and General Staff posts name units, not sides, and the speaker after the clause
    got = facts("Units of the Southern group of forces liberated the settlement of Novoselivka, the "
                "Russian Defence Ministry said.")
    assert got == {("russia", "advance", "Novoselivka", "in")}
    got = facts("Assault units took full control of Pishchane, Ukraine's General Staff reported on Sunday.")
    assert got == {("ukraine", "advance", "Pishchane", "in")}


def test_a_sentence_naming_its_place_only_as_the_town_is_read():
    # an encyclopedia paragraph: the second sentence has no capitalised name after its first word
    got = facts("Russian forces attacked near Toretsk on Monday. Russian forces also attacked north of the town.")
    assert got == {("russia", "attack", "Toretsk", "near"), ("russia", "attack", "Toretsk", "north of")}


def test_it_said_is_the_speaker_the_paragraph_opened_with():
    # a wire story: the ministry is named in one sentence and speaks as "it" in the next
    events = extract_events("The Russian Defence Ministry made several claims on Sunday. It said its forces "
                            "had liberated Novoselivka and Petrivka.", DATE)
    assert {(e.side, e.place, e.status, e.claimant) for e in events} == {
        ("russia", "Novoselivka", "claimed", "Russian Defense Ministry"),
        ("russia", "Petrivka", "claimed", "Russian Defense Ministry")}


def test_a_name_qualifying_a_border_is_not_what_the_village_refers_to():
    got = facts("Ukrainian troops won back Staromaiorske in the Donetsk region, on the Zaporizhzhia border. "
                "Russian bloggers conceded that Ukrainian troops had taken part of the village.")
    assert {p for _, _, p, _ in got} == {"Staromaiorske"}


def test_a_count_of_the_events_just_named_places_them():
    # General Staff summaries and MoD digests count the attacks, then say where "most of them" were
    got = facts("Ukraine's General Staff reported 31 clashes in the Pokrovsk direction. Most of them took place "
                "near Myrnohrad and Udachne.")
    assert {("russia", "attack", "Myrnohrad", "near"), ("russia", "attack", "Udachne", "near")} <= got
    got = facts("The Russian army said it had repelled several Ukrainian attacks on the southern front, carried "
                "out by forces reinforced with tanks, two of them near Malaya Tokmachka.")
    assert got == {("ukraine", "attack", "Malaya Tokmachka", "near")}


def test_a_window_cut_inside_a_word_reads_no_word_there():
    # "governor" ends in "nor": a look back that began inside it read a negation
    got = facts("Kursk's acting deputy governor said on Thursday that fighting was still going on around "
                "the town of Sudzha, where Ukrainian forces had made a significant incursion.")
    assert ("ukraine", "attack", "Sudzha", "near") in got


def test_a_place_opening_the_sentence_frames_its_clause():
    # General Staff and wire style: the place comes first, then the clause that reports the event
    assert facts("Near Siversk, Ukrainian troops repelled seven Russian assaults.") == {
        ("russia", "attack", "Siversk", "near")}
    assert facts("Around Kreminna, Russian forces are trying to push Ukrainian units back.") == {
        ("russia", "attack", "Kreminna", "around")}
    assert facts("In the Kupiansk direction, Russian troops attacked 12 times over the past day.") == {
        ("russia", "attack", "Kupiansk", "direction")}


def test_a_subject_of_no_side_gains_for_the_side_that_reports_it():
    events = extract_events("Ukraine's General Staff said on Sunday that joint actions had won back six "
                            "settlements in the eastern Donetsk region.", DATE)
    assert [(e.side, e.admin1, e.status) for e in events] == [("ukraine", "Donetsk Oblast", "claimed")]


def test_a_third_countrys_forces_seen_or_arriving_are_deployed():
    # intelligence statements about North Korean troops: seen, arrived, regrouped, carried
    assert facts("Satellite images showed North Korean troops at the Sergeevsky training ground in "
                 "Primorsky Krai.") == {("north_korea", "deployment", "Sergeevsky training ground", "in")}
    got = facts("The first North Korean units have already reached the Kursk region.")
    assert {(s, k) for s, k, _, _ in got} == {("north_korea", "deployment")}
    assert facts("Russia has deployed about 1,000 North Korean engineers to Kursk Oblast to clear mines.") == {
        ("north_korea", "deployment", "Kursk Oblast", "to")}
    assert facts("Russia is regrouping its forces near Kupiansk, the Ukrainian military said.") == {
        ("russia", "deployment", "Kupiansk", "near")}


def test_the_names_other_writers_give_the_forces():
    # Russian digests' "AFU", milbloggers' "Storm-Z", wire stories' "Putin's troops"
    for actor, side in (("AFU units", "ukraine"), ("Storm-Z units", "russia"), ("Putin's troops", "russia"),
                        ("Zelensky's troops", "ukraine")):
        assert facts(f"{actor} attacked near Kreminna.") == {(side, "attack", "Kreminna", "near")}, actor


def test_hearsay_marked_by_the_writer_is_a_claim():
    # wire stories: "reportedly", "allegedly", "is reported to have been"
    for text in ("Russian forces reportedly captured Novoselivka on Monday.",
                 "Russian forces allegedly captured Novoselivka on Monday.",
                 "Novoselivka is reported to have been captured by Russian troops."):
        events = extract_events(text, DATE)
        assert [(e.side, e.place, e.status) for e in events] == [("russia", "Novoselivka", "claimed")], text
    assert facts("Russian forces plan to have captured Toretsk by May.") == set()


def test_a_post_quoted_under_its_sources_name_is_that_sources_claim():
    # DeepState notes and Telegram digests: "Source: statement"; a heading is no source
    events = extract_events("DeepState: the enemy occupied Novoselivka and advanced near Zelenyi Hai.", DATE)
    assert {(e.side, e.status, e.claimant) for e in events} == {("russia", "claimed", "DeepState")}
    events = extract_events("Pokrovsk direction: Russian forces advanced near Kotlyne.", DATE)
    assert [(e.place, e.status) for e in events] == [("Kotlyne", "assessed")]
    events = extract_events("Kursk Oblast: Russian forces advanced near Sudzha.", DATE)
    assert [(e.place, e.status) for e in events] == [("Sudzha", "assessed")]


def test_a_bridgehead_established_is_ground_gained():
    events = extract_events("In its daily update, the UK Ministry of Defence said Ukrainian forces had likely "
                            "established a bridgehead near Krynky.", DATE)
    assert [(e.side, e.kind, e.place, e.status) for e in events] == [("ukraine", "advance", "Krynky", "claimed")]


def test_milbloggers_quoted_by_name_speak_for_the_russian_side():
    # quoted milblogger posts: their "enemy" is Ukraine, their "our units" Russia's
    got = facts('"The enemy has been knocked out of Novoselivka," wrote the milblogger Yuri Podolyaka.')
    assert got == {("russia", "advance", "Novoselivka", "in")}
    got = facts('"Our assault units have cleared the northern part of Toretsk," the Two Majors channel said.')
    assert got == {("russia", "advance", "Toretsk", "in")}
    got = facts('"The Ukrainians are pushing hard near Robotyne," a Russian blogger wrote.')
    assert got == {("ukraine", "attack", "Robotyne", "near")}


def test_general_staff_and_mod_summaries_name_sectors_and_groupings():
    # "in the X direction/sector" is a direction, not a place "in" X; Russia's groupings by their English names
    got = facts("In the Kupiansk direction, Ukrainian defenders repelled 8 attacks in the area of Petropavlivka.")
    assert ("russia", "attack", "Petropavlivka", "near") in got and ("russia", "attack", "Kupiansk", "near") not in got
    got = facts("Over the past day, units of the Southern group of forces repelled 9 counterattacks by assault "
                "groups of the AFU near Kurakhove.")
    assert got == {("ukraine", "attack", "Kurakhove", "near")}


def test_a_where_clause_happens_at_the_place_before_it():
    # wire-story relative clauses: ", where Russian troops made gains" refers back to the place
    got = facts("Heavy fighting is raging for control of Toretsk, where Russian troops have made gains "
                "in the past week.")
    assert got == {("russia", "attack", "Toretsk", "near"), ("russia", "advance", "Toretsk", "in")}
    got = facts("Ukrainian forces struck a depot in Belgorod, where Russian troops were massing.")
    assert got == {("russia", "deployment", "Belgorod", "in")}
    # said once already: the where-clause does not repeat the event at another relation
    got = facts("Ukraine's General Staff said Russian forces were focusing their efforts near Selydove, where "
                "12 clashes had been recorded that day.")
    assert [k for s, k, p, _ in got if p == "Selydove"] == ["attack"]


def test_fighting_for_control_of_a_place_is_an_attack_not_a_gain():
    assert facts("Russian troops are fighting for control of Toretsk.") == {("russia", "attack", "Toretsk", "near")}
    assert facts("Ukrainian forces fought for the capture of Robotyne for weeks.") == \
        {("ukraine", "attack", "Robotyne", "near")}


def test_being_forced_to_leave_a_town_loses_it():
    got = facts("Ukrainian troops were forced to leave Vuhledar to avoid encirclement, the command said.")
    assert got == {("russia", "advance", "Vuhledar", "in")}
    assert facts("Officials urged residents to leave Pokrovsk.") == set()


def test_a_comparison_or_a_time_names_no_place_of_the_event():
    assert facts("The fall of Avdiivka in February was Russia's biggest gain since Bakhmut.") == set()
    got = facts("Russian troops advanced faster than at Bakhmut, a Ukrainian officer said.")
    assert not any(p == "Bakhmut" for _, _, p, _ in got)


def test_a_capital_after_a_preposition_of_place_is_the_city():
    # "Kyiv said" is the government; "around Kyiv" is the city (the battles of 2022)
    got = facts("ISW maps show Ukrainian troops retaking large areas around Kyiv as the Russian units pulled back.")
    assert got == {("ukraine", "advance", "Kyiv", "near")}
    assert facts("Kyiv said Russian forces attacked near Pokrovsk.") == {("russia", "attack", "Pokrovsk", "near")}
    assert facts("Russian forces withdrew from the area north of Kyiv.") == {("ukraine", "advance", "Kyiv", "north of")}


def test_forces_a_side_has_or_a_grouping_numbers_somewhere_are_deployed_there():
    # wire stories and intelligence statements count forces rather than moving them
    got = facts("Russia has about 50,000 troops in the Kursk region, a Ukrainian commander said.")
    assert got == {("russia", "deployment", "Kursk region", "in")}
    got = facts("North Korea has 12,000 soldiers in Russia, including some in the Kursk region.")
    assert got == {("north_korea", "deployment", "Kursk region", "in")}
    assert facts("The Russian grouping near Pokrovsk numbers around 70,000 troops.") == \
        {("russia", "deployment", "Pokrovsk", "in")}
    assert facts("Russia has lost 600,000 troops in Ukraine, the UK said.") == set()


def test_more_ways_of_putting_forces_somewhere():
    assert facts("Ukraine says Russia has gathered a force of 50,000 troops near Kurakhove.") == \
        {("russia", "deployment", "Kurakhove", "near")}
    assert facts("North Korean units have taken up positions in Kursk Oblast.") == \
        {("north_korea", "deployment", "Kursk Oblast", "in")}
    assert facts("The Russian 8th Army is headquartered in Novocherkassk.") == \
        {("russia", "deployment", "Novocherkassk", "in")}
    assert facts("Belarus has moved troops to its border with Ukraine near Mozyr.") == \
        {("belarus", "deployment", "Mozyr", "near")}
    assert facts("Russia has brought up reserves to the Pokrovsk area.") == {("russia", "deployment", "Pokrovsk", "near")}
    assert facts("Russia has pulled forces from Kherson to reinforce Pokrovsk.") == \
        {("russia", "deployment", "Pokrovsk", "in")}
    # armour and equipment are forces too
    assert facts("Russian equipment is being concentrated near Tokmak.") == {("russia", "deployment", "Tokmak", "near")}


def test_a_city_named_as_written_beats_a_front_line_village_that_shares_its_spelling():
    events = extract_events("Satellite images show Russian armour massing near Voronezh.", DATE)
    assert [(e.place_name, e.admin1) for e in events] == [("Voronezh", "Voronezh Oblast")]
    # a front-line town under its former name still wins: MoD digests' "Dzerzhinsk" is Toretsk
    events = extract_events("The Russian MoD said its forces liberated Dzerzhinsk.", DATE)
    assert [e.place_name for e in events] == ["Toretsk"]


def test_a_negation_negates_only_its_own_clause():
    # idioms negate nothing; an aside's negation ends with the aside
    assert ("russia", "advance", "Ocheretyne", "in") in facts(
        "Russian forces have not only captured Ocheretyne but also advanced toward Novoselivka.")
    assert facts("Russian troops, who had not moved for weeks, suddenly advanced near Toretsk.") == \
        {("russia", "advance", "Toretsk", "near")}
    assert facts("Not far from Pokrovsk, Russian forces advanced near Myrnohrad.") == \
        {("russia", "advance", "Myrnohrad", "near")}
    # a negation of the verb itself still negates it
    assert facts("Russian forces did not advance near Toretsk.") == set()
    assert facts("Russian forces did not, however, advance near Toretsk.") == set()
    assert facts("There were no confirmed advances near Toretsk.") == set()


def test_no_longer_holding_a_place_loses_it():
    got = facts("Ukrainian troops no longer control Vuhledar, the governor said.")
    assert got == {("russia", "advance", "Vuhledar", "in")}
    assert facts("Ukrainian forces could not hold Avdiivka.") == {("russia", "advance", "Avdiivka", "in")}
    assert facts("Ukraine will not be able to hold Pokrovsk, analysts warned.") == set()


def test_a_town_under_assault_is_attacked_by_the_side_the_speaker_fights():
    assert facts("The town of Chasiv Yar has been under constant Russian assault for months.") == \
        {("russia", "attack", "Chasiv Yar", "near")}
    assert facts("Kurakhove came under heavy attack again on Sunday, Ukrainian officials said.") == \
        {("russia", "attack", "Kurakhove", "near")}
    assert facts("Russian pressure on Kupiansk has intensified, the Ukrainian military said.") == \
        {("russia", "attack", "Kupiansk", "on")}
    assert facts("Washington put pressure on Kyiv to negotiate.") == set()


def test_a_formation_title_only_one_army_uses_names_its_side():
    # no nationality word: "Guards" and tank armies are Russian titles, "Separate ... Mechanized" Ukrainian
    got = facts("Elements of the 76th Guards Air Assault Division have been transferred to Kursk Oblast, "
                "the milblogger wrote.")
    assert got == {("russia", "deployment", "Kursk Oblast", "to")}
    got = facts("The 1st Guards Tank Army was redeployed from Kharkiv Oblast to Luhansk Oblast in the spring.")
    assert got == {("russia", "deployment", "Luhansk Oblast", "to")}
    got = facts("Troops of the 93rd Separate Mechanized Brigade recaptured Klishchiivka on Sunday.")
    assert got == {("ukraine", "advance", "Klishchiivka", "in")}


def test_the_agent_of_an_attack_and_a_relative_who_name_the_attacker():
    got = facts("Our defenders repelled 23 attacks by the enemy, who, with the support of aviation, tried to "
                "break through our defences in the areas of Novobakhmutivka and Pervomaiske, the General Staff "
                "of the Armed Forces of Ukraine said.")
    assert {sd for sd, _, _, _ in got} == {"russia"}
    assert {"Novobakhmutivka", "Pervomaiske"} <= {p for _, _, p, _ in got}
    got = facts("Gladkov said border guards were repelling an attack by a Ukrainian 'sabotage and "
                "reconnaissance group' near Graivoron.")
    assert got == {("ukraine", "attack", "Graivoron", "near")}


def test_men_and_materiel_lost_are_no_ground_lost():
    assert facts("Russian forces lost 30 soldiers near Pokrovsk.") == set()
    got = facts("Russian naval infantry launched several offensives on Vuhledar, losing dozens of tanks in "
                "the minefields south and east of the town without capturing it.")
    assert {k for _, k, _, _ in got} == {"attack"}
    assert facts("Russian forces lost positions near Robotyne in August.") == {
        ("ukraine", "advance", "Robotyne", "near")}


def test_footage_showing_forces_at_a_place_is_a_confirmed_advance():
    for text, side, place in [
            ("A video geolocated by the project's analysts also shows Russian infantry in the eastern part of "
             "Selydove.", "russia", "Selydove"),
            ("Geolocated footage from 21 September shows Ukrainian Bradley fighting vehicles operating "
             "north-west of Verbove.", "ukraine", "Verbove"),
            ("Drone footage posted on Telegram showed Russian soldiers walking through the streets of "
             "Vuhledar.", "russia", "Vuhledar")]:
        ms = [m for m in extract_mentions(text, DATE) if m.kind == "advance"]
        assert [(m.side, m.place, m.status) for m in ms] == [(side, place, "confirmed")], text
    assert facts("Geolocated footage published on May 12 shows Russian forces striking a Ukrainian position "
                 "near Vovchansk.") == set()


def test_a_withdrawal_ordered_is_a_withdrawal_an_order_to_capture_is_not():
    got = facts("Syrskyi announced that he had ordered Ukrainian troops to withdraw from Avdiivka to avoid "
                "encirclement.")
    assert got == {("russia", "advance", "Avdiivka", "in")}
    assert facts("Putin ordered his troops to capture Pokrovsk by March.") == set()


def test_the_village_refers_back_past_a_yardstick():
    ms = extract_mentions(
        "Ukraine's 35th Separate Marine Brigade published a video showing marines raising the blue-and-yellow "
        "flag over the ruins of a building in Urozhaine, a village about 10 km south of Velyka Novosilka. "
        "Deputy Defence Minister Hanna Maliar said on Telegram that the village had been liberated.", DATE)
    assert [(m.place, m.status) for m in ms] == [("Urozhaine", "confirmed"), ("Urozhaine", "claimed")]


def test_an_opening_sector_frames_the_places_named_after_it():
    got = facts("In the Pokrovsk sector, Russian forces launched 61 attacks near Zvirove, Uspenivka and Udachne, "
                "the General Staff said.")
    assert {p for _, _, p, _ in got} == {"Zvirove", "Uspenivka", "Udachne"}
    got = facts("In the Avdiivka direction, our defenders repelled 23 attacks by the enemy near Novobakhmutivka, "
                "the General Staff said.")
    assert got == {("russia", "attack", "Novobakhmutivka", "near")}
    # with no settlement named, the direction is the event's place
    assert facts("In the Pokrovsk direction, Russian forces attacked 20 times.") == {
        ("russia", "attack", "Pokrovsk", "direction")}


def test_a_presence_kept_somewhere_is_a_deployment_there_and_shelling_starts_a_new_predicate():
    got = facts("In the Siverskyi direction, the enemy maintains a military presence in the border areas of the "
                "Bryansk and Kursk oblasts, conducts sabotage activity and shells settlements in Sumy and "
                "Chernihiv regions, the General Staff said.")
    assert {(k, p) for _, k, p, _ in got} == {("deployment", "Bryansk oblast"), ("deployment", "Kursk oblast")}


def test_a_claim_by_someone_that_is_their_claim():
    ms = extract_mentions("Voloshyn dismissed a claim by Russia's Defence Ministry that its forces had taken full "
                          "control of Dzerzhinsk.", DATE)
    assert [(m.side, m.status, m.claimant) for m in ms] == [("russia", "claimed", "Russian Defense Ministry")]


def test_appositives_and_river_banks_only_locate_the_place():
    assert facts("Russian troops had occupied Kindrashivka, a village north of Kupiansk on the west bank of the "
                 "Oskil river.") == {("russia", "advance", "Kindrashivka", "in")}
    assert facts("Units of the Tsentr group of forces have completed the liberation of Kurakhovo, the largest "
                 "settlement in the south-western part of the Donetsk People's Republic, the Defence Ministry "
                 "reported.") == {("russia", "advance", "Kurakhovo", "in")}
    got = facts("DeepState updated its map to show Russian gains near Petropavlivka, east of Kupiansk, where "
                "Russian forces have for months been trying to reach the river.")
    assert {p for _, _, p, _ in got} == {"Petropavlivka"}


def test_forces_positioned_housed_or_camped_somewhere_are_deployed_there():
    assert facts("Elements of the 25th Combined Arms Army are probably now positioned west of Kreminna.") == {
        ("russia", "deployment", "Kreminna", "west of")}
    got = facts("Russian troops who arrived for the drills have set up camps across southeastern Belarus, "
                "including near Mozyr and Rechitsa, monitors said.")
    assert got == {("russia", "deployment", "Mozyr", "near"), ("russia", "deployment", "Rechitsa", "near")}
    got = facts("The North Korean troops were then housed at military bases in Ussuriysk and Khabarovsk for "
                "training, the agency said.")
    assert {(sd, p) for sd, _, p, _ in got} == {("north_korea", "Ussuriysk"), ("north_korea", "Khabarovsk")}
    assert facts("Maxar images taken on Sunday show a new field deployment of Russian troops, armour and tents "
                 "near Narovlya.") == {("russia", "deployment", "Narovlya", "near")}
    got = facts("North Korean units have been moved up to the Korenevo area, Ukrainian military intelligence said.")
    assert {(sd, k, p) for sd, k, p, _ in got} == {("north_korea", "deployment", "Korenevo")}


def test_satellite_imagery_shows_where_forces_stand():
    assert facts("Satellite imagery shows Russian battlegroups deployed near Klintsy.") == {
        ("russia", "deployment", "Klintsy", "near")}
    assert facts("Russian armour was seen near Yelnya, satellite images showed.") == {
        ("russia", "deployment", "Yelnya", "near")}
    assert facts("Satellite images show Russian troops near Yelnya.") == {("russia", "deployment", "Yelnya", "near")}


def test_a_range_named_by_its_village_is_where_forces_arrive(gazetteer):
    evs = extract_events("A Russian battalion tactical group has arrived near Pogonovo.", DATE, gazetteer=gazetteer)
    assert [(e.side, e.kind, e.place_name) for e in evs] == [("russia", "deployment", "Pogonovo training ground")]


def test_a_clause_joined_by_and_under_a_new_subject_keeps_its_own_date():
    evs = extract_events("Geolocated footage published on October 1 shows Russian servicemen raising flags in "
                         "central Vuhledar, and Ukraine's Khortytsia Group of Forces announced on October 2 that it "
                         "had authorized Ukrainian units to withdraw from Vuhledar.", "2024-10-03")
    assert sorted((e.status, e.event_date) for e in evs) == [("claimed", "2024-10-02"), ("confirmed", "2024-10-01")]


def test_crossing_the_border_into_a_region_is_an_advance_into_it():
    got = facts("On 6 August 2024, Ukrainian forces crossed the border into Russia's Kursk Oblast and within days "
                "captured Sudzha.")
    assert got == {("ukraine", "advance", "Kursk Oblast", "into"), ("ukraine", "advance", "Sudzha", "in")}


def test_amassing_and_rotating_forces_are_deployments():
    assert facts("Russian forces are amassing troops near Kupiansk.") == {("russia", "deployment", "Kupiansk", "near")}
    got = facts("Ukrainian brigades have been rotated into the Pokrovsk sector.")
    assert {(sd, k, p) for sd, k, p, _ in got} == {("ukraine", "deployment", "Pokrovsk")}


def test_units_named_by_their_military_district_are_russian():
    got = facts("Units of the Leningrad Military District deployed near Borisov, the Russian Defence Ministry said.")
    assert got == {("russia", "deployment", "Borisov", "near")}


def test_the_ship_that_carries_forces_is_not_their_side():
    # the forces ferried are the subject's; "Russian navy" only carries them, and "to Russia" is a destination
    got = facts("Pyongyang has begun sending troops to Russia, with about 2,000 soldiers carried on Russian "
                "military transport aircraft to Khabarovsk. The troops were later housed at bases in Ussuriysk.")
    assert got == {("north_korea", "deployment", "Khabarovsk", "to"), ("north_korea", "deployment", "Ussuriysk", "in")}
    # the object slot "to" does not swallow the agent of "fell to"
    assert facts("Avdiivka fell to Russian forces in February.") == {("russia", "advance", "Avdiivka", "in")}


def test_forces_leaving_for_their_home_bases_lose_nothing():
    assert facts("After the drills, units of the Central Military District are leaving Belgorod Oblast and will "
                 "head back to their permanent garrisons, the Russian Defence Ministry said.") == set()
    assert facts("Russian forces are leaving Krynky, Ukrainian officials said.") == {("ukraine", "advance", "Krynky", "in")}


def test_the_parse_reads_deployments_by_what_the_verb_carries():
    # the parse reads deployment verbs as the rules do, but only when forces (or a country) move or stay
    got = facts("About 3,000 North Korean troops were training at bases in the Far East, including Vladivostok "
                "and Khabarovsk.")
    assert got == {("north_korea", "deployment", "Vladivostok", "near"),
                   ("north_korea", "deployment", "Khabarovsk", "near")}
    got = facts("Russia keeps a grouping of about 30,000 troops on the Kharkiv border near Belgorod.")
    assert got == {("russia", "deployment", "Belgorod", "near")}
    assert facts("A North Korean delegation arrived in Vladivostok.") == set()


def test_a_deployments_start_and_a_structures_name_are_not_its_places():
    got = facts("Deputy Defence Minister Hanna Maliar said Russia is moving units from the Kherson direction to "
                "Bakhmut after the destruction of the Kakhovka dam.")
    assert {p for _, _, p, _ in got} == {"Bakhmut"}
    got = facts("The Russian command redeployed elements of the 90th Tank Division from the Avdiivka area to the "
                "Pokrovsk direction.")
    assert {(k, p) for _, k, p, _ in got} == {("deployment", "Pokrovsk")}


def test_numbered_divisions_and_the_north_korean_leaders_soldiers_name_their_side():
    # Ukraine's army fields brigades and corps, no divisions
    assert facts("The 98th Airborne Division was redeployed to Chasiv Yar.") == {
        ("russia", "deployment", "Chasiv Yar", "to")}
    assert facts("Kim Jong Un's soldiers have been spotted in Kursk Oblast.") == {
        ("north_korea", "deployment", "Kursk Oblast", "in")}


def test_general_staff_defence_forces_and_reinforced_companies():
    # "the Defence Forces" is the General Staff's name for Ukraine's forces; as a speaker it is no actor
    got = facts("In the Bakhmut direction, the Defence Forces are pressing on with their offensive south of Bakhmut.")
    assert got == {("ukraine", "attack", "Bakhmut", "south of")}
    # "a reinforced company" is the size of an attack, not a deployment
    got = facts("The enemy tried to attack with up to a reinforced company near Staromayorskoye; the assault was "
                "repelled, the Russian Defence Ministry said.")
    assert {(sd, k) for sd, k, _, _ in got} == {("ukraine", "attack")}


def test_a_distance_closer_is_a_movement_done():
    got = facts("Ukrainian units had moved several hundred metres closer to Kreminna, the spokesman said.")
    assert got == {("ukraine", "advance", "Kreminna", "near")}


def test_a_time_phrase_is_not_part_of_the_claimant():
    m = extract_mentions("Hours later Russia's defence ministry announced that its forces had taken full control "
                         "of Avdiivka.", DATE)
    assert [(x.place, x.status, x.claimant) for x in m] == [("Avdiivka", "claimed", "Russian Defense Ministry")]


def test_an_offensive_forces_are_readied_for_is_no_attack():
    # the aim of a build-up is an intention; its place is where the forces gather
    got = facts("Russia is concentrating up to 50,000 troops for a counteroffensive in Kursk Oblast.")
    assert got == {("russia", "deployment", "Kursk Oblast", "in")}
    got = facts("Russia is sending thousands of troops for a spring offensive near Kupiansk.")
    assert got == {("russia", "deployment", "Kupiansk", "near")}
    # an assault "on" a town names its target, not where the force waits
    assert facts("Moscow has assembled a force in preparation for an assault on Sumy.") == set()
    # an attack not readied for still reads
    assert facts("Ukraine repelled a Russian assault on Vovchansk.") == {("russia", "attack", "Vovchansk", "on")}


def test_a_country_where_forces_are_is_not_their_side():
    # Lithuanian intelligence style: the country the troops arrived in is a place, not the actor
    got = facts("Russian troops taking part in the exercise have arrived in Belarus and are concentrated "
                "near the town of Borisov, the head of Lithuania's military intelligence said.")
    assert ("russia", "deployment", "Borisov", "near") in got
    assert not any(side == "belarus" for side, *_ in got)
    # a pronoun takes the forces named before it, not the country they left
    got = facts("Some of the battalion tactical groups Russia pulled out of northern Ukraine have been moved "
                "to Belgorod, where they are being refitted, while others are already moving south toward Izium.")
    assert ("russia", "deployment", "Izium", "toward") in got


def test_forces_moved_up_housed_or_concentrated_with_their_hardware():
    # wire story: a passive transfer of forces is a deployment, even as "moved up to"
    got = facts("Two Russian marine brigades have been moved up to reserve positions around Kurakhove, "
                "a Ukrainian officer said.")
    assert got == {("russia", "deployment", "Kurakhove", "around")}
    # "the troops" of the next sentence are the forces the text was about
    got = facts("North Korea has sent about 3,000 soldiers to Russia. The troops are being housed at "
                "barracks in the Far East, including in Ussuriysk and Khabarovsk.")
    assert {("north_korea", "deployment", p, "in") for p in ("Ussuriysk", "Khabarovsk")} <= got
    # General Staff: hardware gathered is a deployment
    got = facts("The enemy is concentrating tanks and armoured vehicles near Velykyi Burluk, the General Staff said.")
    assert ("russia", "deployment", "Velykyi Burluk", "near") in got


def test_troops_shown_at_a_training_ground_are_stationed_there():
    got = facts("Russian state television showed paratroopers unloading armour at the Pogonovo training ground.")
    assert {(k, p) for _, k, p, _ in got} == {("deployment", "Pogonovo training ground")}
    # an aircraft's designation is no place
    assert not any("Su" == p for *_, p, _ in facts("Su-34 bombers were flown to Millerovo air base."))


def test_a_unit_pulled_out_and_moved_on_gives_no_ground_up():
    # an intercepted call as the SBU publishes it: the unit left one sector for another
    got = facts("A Russian assault battalion was pulled out of the Kreminna area in May and redeployed "
                "to the Toretsk direction, the intercepted soldier said.")
    assert not any(k == "advance" for _, k, _, _ in got)
    assert ("russia", "deployment", "Toretsk", "direction") in got
    # falling back to new lines is the retreat itself
    got = facts("Ukrainian forces withdrew from Avdiivka and moved to new defensive lines.")
    assert ("russia", "advance", "Avdiivka", "in") in got


def test_the_month_may_is_no_modal():
    # an encyclopedia paragraph dates its events by month
    got = facts("Russian units redeployed from Bakhmut in May and attacked toward Klishchiivka.")
    assert ("russia", "attack", "Klishchiivka", "toward") in got
    assert facts("Russian forces may capture Toretsk within weeks.") == set()


def test_forces_drilling_at_a_place_are_deployed_there():
    # MoD digest: the exercise noun carries the deployment, also at a named range
    got = facts("Units of the Eastern Military District have begun live-fire exercises at the Tsugol "
                "training ground, the Russian Defence Ministry said.")
    assert {(k, p) for _, k, p, _ in got} == {("deployment", "Tsugol training ground")}
    got = facts("Russian paratroopers began joint drills near Brest on Monday.")
    assert ("russia", "deployment", "Brest", "near") in got
    # drills announced for later are no deployment
    assert facts("Russian and Belarusian troops will hold joint exercises near Brest next month.") == set()
