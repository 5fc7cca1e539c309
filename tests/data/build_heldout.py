"""Build tests/data/heldout_sentences.jsonl: a held-out set written for this project.

Sentences are our own wording of typical war-report language (not quotations).
Gold places come from the GeoNames cities500 gazetteer the project ships with,
looked up with an explicit region so homonyms are pinned; region-level events
take the region's administrative centre, as the dev set's README prescribes.

Run: python tests/data/build_heldout.py   (rewrites the .jsonl next to it)

Event spec: (side, kind, status, claimant, place as written, relation, lookup)
where lookup is "Name@Admin1" for a settlement or "R:Admin1" for a region.
"""
from __future__ import annotations

import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "heldout_sentences.jsonl"

RU, UA, NK = "russia", "ukraine", "north_korea"
ADV, ATT, DEP = "advance", "attack", "deployment"
CONF, ASS, CLM = "confirmed", "assessed", "claimed"
DON, ZAP, KHA, LUH, KHE = "Donetsk Oblast", "Zaporizhzhia Oblast", "Kharkiv Oblast", "Luhansk Oblast", "Kherson Oblast"
SUM, KUR, BEL = "Sumy Oblast", "Kursk Oblast", "Belgorod Oblast"
BRE, PRI, BRY = "Brest Oblast", "Primorsky Krai", "Bryansk Oblast"

# The administrative centre of each region used at region level.
CENTRES = {KUR: "Kursk", BEL: "Belgorod", SUM: "Sumy", KHA: "Kharkiv", DON: "Donetsk",
           ZAP: "Zaporizhzhya", LUH: "Luhansk", KHE: "Kherson", "Bryansk Oblast": "Bryansk", "Mykolaiv Oblast": "Mykolaiv",
           BRE: "Brest", PRI: "Vladivostok"}


def a(side, status, claimant, place, rel, lookup):
    return (side, ADV, status, claimant, place, rel, lookup)


def at(side, place, rel, lookup):
    return (side, ATT, None, None, place, rel, lookup)


def dp(side, place, rel, lookup):
    return (side, DEP, None, None, place, rel, lookup)


ITEMS = [
    # --- advances: varied verbs ---------------------------------------------------
    ("2023-06-12", "Geolocated footage published on June 11 shows that Ukrainian forces regained positions near "
                   "Staromaiorske and Urozhaine, south of Velyka Novosilka.",
     [a(UA, CONF, None, "Staromaiorske", "near", f"Staromaiorske@{DON}"),
      a(UA, CONF, None, "Urozhaine", "near", f"Urozhaine@{DON}")]),
    ("2022-09-11", "ISW assessed that Ukrainian troops recaptured Kupiansk on September 10 and pressed on toward the "
                   "Oskil River.",
     [a(UA, ASS, None, "Kupiansk", "in", f"Kupiansk@{KHA}")]),
    ("2022-11-11", "Ukrainian officials announced that their troops had liberated Kherson city after the last Russian "
                   "units crossed to the east bank of the Dnipro River.",
     [a(UA, CLM, "Ukrainian officials", "Kherson", "in", f"Kherson@{KHE}")]),
    ("2024-06-03", "A spokesperson for Ukraine's Kharkiv operational-tactical group said Ukrainian units pushed Russian "
                   "forces back from Lyptsi over the weekend.",
     [a(UA, CLM, "Ukrainian Kharkiv operational-tactical group spokesperson", "Lyptsi", "near", f"Lyptsi@{KHA}")]),
    ("2024-02-17", "Ukrainian commander-in-chief Oleksandr Syrskyi said that Ukrainian forces withdrew from Avdiivka to "
                   "positions farther west to avoid encirclement.",
     [a(RU, CLM, "Oleksandr Syrskyi", "Avdiivka", "in", f"Avdiivka@{DON}")]),
    ("2024-10-02", "ISW assessed that Ukrainian forces withdrew from Vuhledar on October 1 and that Russian forces now "
                   "hold the town.",
     [a(RU, ASS, None, "Vuhledar", "in", f"Vuhledar@{DON}")]),
    ("2024-11-20", "Geolocated footage published on November 19 indicates that Russian forces advanced up to 1.5 "
                   "kilometers deep near Kurakhove.",
     [a(RU, CONF, None, "Kurakhove", "near", f"Kurakhove@{DON}")]),
    ("2024-12-05", "Russian forces marginally advanced in eastern Velyka Novosilka, according to geolocated footage "
                   "published on December 4.",
     [a(RU, CONF, None, "Velyka Novosilka", "in", f"Velyka Novosilka@{DON}")]),
    ("2025-01-15", "Geolocated footage shows that Russian forces recently advanced along the railway southwest of "
                   "Pokrovsk.",
     [a(RU, CONF, None, "Pokrovsk", "southwest of", f"Pokrovsk@{DON}")]),
    ("2024-10-24", "Russian forces made confirmed advances in Toretsk and near Selydove on October 23.",
     [a(RU, CONF, None, "Toretsk", "in", f"Toretsk@{DON}"),
      a(RU, CONF, None, "Selydove", "near", f"Selydove@{DON}")]),
    ("2024-10-26", "The Russian Ministry of Defense (MoD) claimed that Russian forces seized Shakhove, northeast of "
                   "Pokrovsk.",
     [a(RU, CLM, "Russian Defense Ministry", "Shakhove", "in", f"Shakhove@{DON}")]),
    ("2025-03-14", "The Russian Ministry of Defense (MoD) claimed on March 13 that Russian forces liberated Sudzha, "
                   "and a prominent Russian milblogger claimed that Ukrainian forces withdrew from the town.",
     [a(RU, CLM, "Russian Defense Ministry", "Sudzha", "in", f"Sudzha@{KUR}"),
      a(RU, CLM, "Russian milblogger", "Sudzha", "in", f"Sudzha@{KUR}")]),
    ("2023-05-03", "Russian forces made marginal gains northwest of Bakhmut, ISW assessed.",
     [a(RU, ASS, None, "Bakhmut", "northwest of", f"Bakhmut@{DON}")]),
    ("2023-01-11", "Wagner financier Yevgeny Prigozhin claimed that Wagner fighters took control of Soledar on "
                   "January 10.",
     [a(RU, CLM, "Yevgeny Prigozhin", "Soledar", "in", f"Soledar@{DON}")]),
    ("2023-11-10", "ISW assessed that Ukrainian forces have established a foothold on the east bank of the Dnipro River "
                   "near Krynky.",
     [a(UA, ASS, None, "Krynky", "near", f"Krynky@{KHE}")]),
    ("2025-06-18", "Russian forces recently expanded their positions in southern Siversk, ISW assessed.",
     [a(RU, ASS, None, "Siversk", "in", f"Siversk@{DON}")]),
    ("2024-06-14", "Russian forces pushed Ukrainian troops out of Krynky, a Russian milblogger claimed on June 13.",
     [a(RU, CLM, "Russian milblogger", "Krynky", "in", f"Krynky@{KHE}")]),
    ("2022-11-10", "ISW assessed that Russian forces were forced to retreat from Kherson city and the surrounding "
                   "right-bank settlements.",
     [a(UA, ASS, None, "Kherson", "in", f"Kherson@{KHE}")]),
    ("2022-11-11", "Ukraine's General Staff stated that Ukrainian forces liberated Snihurivka and several nearby "
                   "settlements in Mykolaiv Oblast.",
     [a(UA, CLM, "Ukrainian General Staff", "Snihurivka", "in", "Snihurivka@Mykolaiv Oblast"),
      a(UA, CLM, "Ukrainian General Staff", "Mykolaiv Oblast", "in", "R:Mykolaiv Oblast")]),
    ("2025-01-02", "Russian forces recently advanced northeast of Velyka Novosilka, according to geolocated footage "
                   "published on December 31.",
     [a(RU, CONF, None, "Velyka Novosilka", "northeast of", f"Velyka Novosilka@{DON}")]),
    ("2023-09-01", "Pro-Kremlin milbloggers claimed that Russian forces regained positions north of Verbove.",
     [a(RU, CLM, "pro-Kremlin milbloggers", "Verbove", "north of", f"Verbove@{ZAP}")]),
    ("2023-08-29", "Geolocated footage published on August 28 shows Ukrainian troops advancing south of Mala "
                   "Tokmachka.",
     [a(UA, CONF, None, "Mala Tokmachka", "south of", f"Mala Tokmachka@{ZAP}")]),
    ("2025-06-20", "Geolocated footage indicates that Russian forces recently seized Kostiantynopil.",
     [a(RU, CONF, None, "Kostiantynopil", "in", f"Kostiantynopil@{DON}")]),
    ("2025-08-12", "Geolocated footage published on August 11 shows Russian servicemen in northern Rodynske, "
                   "indicating a recent Russian advance.",
     [a(RU, CONF, None, "Rodynske", "in", f"Rodynske@{DON}")]),
    ("2022-10-03", "ISW assessed that Ukrainian forces continued to advance toward Kreminna and Svatove after "
                   "liberating Lyman.",
     [a(UA, ASS, None, "Kreminna", "toward", f"Kreminna@{LUH}"),
      a(UA, ASS, None, "Svatove", "toward", f"Svatove@{LUH}"),
      a(UA, ASS, None, "Lyman", "in", f"Lyman@{DON}")]),
    ("2025-05-31", "Russian forces advanced near Yunakivka and Myropillia in Sumy Oblast, according to geolocated "
                   "footage published on May 30.",
     [a(RU, CONF, None, "Yunakivka", "near", f"Yunakivka@{SUM}"),
      a(RU, CONF, None, "Myropillia", "near", f"Myropillia@{SUM}")]),
    ("2024-08-08", "Russian milbloggers claimed that Ukrainian forces advanced up to 10 kilometers into Kursk Oblast "
                   "near Sudzha.",
     [a(UA, CLM, "Russian milbloggers", "Kursk Oblast", "into", f"R:{KUR}"),
      a(UA, CLM, "Russian milbloggers", "Sudzha", "near", f"Sudzha@{KUR}")]),

    # --- claims quoted from named sources ----------------------------------------------
    ("2024-04-22", "DeepState reported that Russian forces had occupied Ocheretyne, north of Avdiivka.",
     [a(RU, CLM, "DeepState", "Ocheretyne", "in", f"Ocheretyne@{DON}")]),
    ("2025-11-17", "A Russian milblogger claimed that Russian troops entered southern Huliaipole.",
     [a(RU, CLM, "Russian milblogger", "Huliaipole", "into", f"Huliaipole@{ZAP}")]),
    ("2023-12-28", "UK Defence Intelligence assessed that Russian forces had likely taken Marinka after months of "
                   "fighting.",
     [a(RU, CLM, "UK Defence Intelligence", "Marinka", "in", f"Marinka@{DON}")]),
    ("2025-10-05", "Ukrainian military observer Kostiantyn Mashovets stated that Russian forces captured Udachne, "
                   "southwest of Pokrovsk.",
     [a(RU, CLM, "Kostiantyn Mashovets", "Udachne", "in", f"Udachne@{DON}")]),
    ("2024-09-19", "A Ukrainian brigade spokesperson said that Ukrainian forces pulled back from positions in Niu-York.",
     [a(RU, CLM, "Ukrainian brigade spokesperson", "Niu-York", "in", f"Niu-York@{DON}")]),
    ("2022-07-03", "Luhansk Oblast Governor Serhiy Haidai stated on July 3 that Ukrainian forces had withdrawn from "
                   "Lysychansk.",
     [a(RU, CLM, "Serhiy Haidai", "Lysychansk", "in", f"Lysychansk@{LUH}")]),
    ("2024-09-25", "'Our assault units have liberated Zalizne,' the Russian Defense Ministry said in a statement.",
     [a(RU, CLM, "Russian Defense Ministry", "Zalizne", "in", f"Zalizne@{DON}")]),
    ("2025-09-08", "According to DeepState, Russian forces advanced near Kivsharivka and in Kupiansk.",
     [a(RU, CLM, "DeepState", "Kivsharivka", "near", f"Kivsharivka@{KHA}"),
      a(RU, CLM, "DeepState", "Kupiansk", "in", f"Kupiansk@{KHA}")]),
    ("2024-03-13", "Fighters of the Freedom of Russia Legion attacked near Kozinka in Belgorod Oblast on March 12, and "
                   "the Russian Volunteer Corps claimed that its fighters entered Tyotkino in Kursk Oblast.",
     [at(UA, "Kozinka", "near", f"Kozinka@{BEL}"),
      a(UA, CLM, "Russian Volunteer Corps", "Tyotkino", "into", f"Tyotkino@{KUR}")]),
    ("2025-11-12", "Vladyslav Voloshyn, spokesperson for Ukraine's Southern Defense Forces, said that Ukrainian troops "
                   "recaptured positions near Kamianske in Zaporizhzhia Oblast.",
     [a(UA, CLM, "Ukrainian Southern Defense Forces spokesperson", "Kamianske", "near", f"Kamianske@{ZAP}")]),

    # --- attacks ---------------------------------------------------------------------------
    ("2024-11-13", "Russian forces attacked near Kupiansk, Petropavlivka, and Kivsharivka on November 11 and 12.",
     [at(RU, "Kupiansk", "near", f"Kupiansk@{KHA}"),
      at(RU, "Petropavlivka", "near", f"Petropavlivka@{KHA}"),
      at(RU, "Kivsharivka", "near", f"Kivsharivka@{KHA}")]),
    ("2024-09-20", "Russian forces continued offensive operations in the Toretsk direction near Niu-York and Zalizne "
                   "but did not advance.",
     [at(RU, "Toretsk", "direction", f"Toretsk@{DON}"),
      at(RU, "Niu-York", "near", f"Niu-York@{DON}"),
      at(RU, "Zalizne", "near", f"Zalizne@{DON}")]),
    ("2023-10-15", "Russian forces conducted unsuccessful assaults near Avdiivka and Ocheretyne on October 14.",
     [at(RU, "Avdiivka", "near", f"Avdiivka@{DON}"),
      at(RU, "Ocheretyne", "near", f"Ocheretyne@{DON}")]),
    ("2023-06-08", "Ukrainian forces launched a mechanized counteroffensive in western Zaporizhzhia Oblast and "
                   "attacked south of Orikhiv.",
     [at(UA, "western Zaporizhzhia Oblast", "in", f"R:{ZAP}"),
      at(UA, "Orikhiv", "south of", f"Orikhiv@{ZAP}")]),
    ("2024-05-11", "Russian forces attacked toward Vovchansk and Lyptsi on May 10 after crossing the international "
                   "border.",
     [at(RU, "Vovchansk", "toward", f"Vovchansk@{KHA}"),
      at(RU, "Lyptsi", "toward", f"Lyptsi@{KHA}")]),
    ("2024-03-20", "Ukrainian defenders repelled Russian assaults near Kreminna and Bilohorivka on March 19.",
     [at(RU, "Kreminna", "near", f"Kreminna@{LUH}"),
      at(RU, "Bilohorivka", "near", f"Bilohorivka@{LUH}")]),
    ("2025-03-05", "Russian forces attacked north of Pokrovsk near Rodynske and west of Pokrovsk near Udachne on "
                   "March 4.",
     [at(RU, "Pokrovsk", "north of", f"Pokrovsk@{DON}"),
      at(RU, "Rodynske", "near", f"Rodynske@{DON}"),
      at(RU, "Pokrovsk", "west of", f"Pokrovsk@{DON}"),
      at(RU, "Udachne", "near", f"Udachne@{DON}")]),
    ("2024-01-02", "Russian forces attacked near Krynky on December 30 and 31, and Ukrainian forces repelled them.",
     [at(RU, "Krynky", "near", f"Krynky@{KHE}")]),
    ("2025-07-22", "Russian troops are still trying to break into Kostiantynivka from the southeast, but Ukrainian "
                   "forces have held them off so far, the Ukrainian General Staff reported.",
     [at(RU, "Kostiantynivka", "into", f"Kostiantynivka@{DON}")]),
    ("2022-10-12", "Ukrainian troops are counterattacking toward Svatove along the P07 highway, ISW assessed.",
     [at(UA, "Svatove", "toward", f"Svatove@{LUH}")]),
    ("2024-11-28", "Ukrainian forces counterattacked near Korenevo, while North Korean and Russian units attacked "
                   "near Glushkovo.",
     [at(UA, "Korenevo", "near", f"Korenevo@{KUR}"),
      at(NK, "Glushkovo", "near", f"Glushkovo@{KUR}"),
      at(RU, "Glushkovo", "near", f"Glushkovo@{KUR}")]),

    # --- deployments -----------------------------------------------------------------------
    ("2024-08-24", "Elements of the Russian 155th Naval Infantry Brigade were reportedly redeployed from the Vuhledar "
                   "direction to Kursk Oblast.",
     [dp(RU, "Kursk Oblast", "to", f"R:{KUR}")]),
    ("2023-05-10", "Additional Russian units arrived in Tokmak over the past week, according to the exiled mayor of "
                   "Melitopol.",
     [dp(RU, "Tokmak", "in", f"Tokmak@{ZAP}")]),
    ("2024-04-25", "Ukrainian intelligence reported that Russian forces are concentrating near Valuyki and Shebekino "
                   "in Belgorod Oblast.",
     [dp(RU, "Valuyki", "near", f"Valuyki@{BEL}"),
      dp(RU, "Shebekino", "near", f"Shebekino@{BEL}")]),
    ("2024-11-12", "North Korean troops stationed in Kursk Oblast have begun taking part in assaults near Korenevo, "
                   "Ukrainian officials stated.",
     [dp(NK, "Kursk Oblast", "in", f"R:{KUR}"),
      at(NK, "Korenevo", "near", f"Korenevo@{KUR}")]),
    ("2023-01-20", "Newly mobilized Russian reservists trained in Bryansk Oblast for several weeks and then arrived in "
                   "Svatove, according to the Ukrainian General Staff.",
     [dp(RU, "Bryansk Oblast", "in", "R:Bryansk Oblast"),
      dp(RU, "Svatove", "in", f"Svatove@{LUH}")]),
    ("2024-09-02", "The Russian command redeployed elements of the 90th Tank Division from the Avdiivka area to the "
                   "Pokrovsk direction.",
     [dp(RU, "Pokrovsk", "direction", f"Pokrovsk@{DON}")]),
    ("2023-02-05", "Luhansk Oblast Governor Serhiy Haidai said that Russian forces are massing troops and equipment "
                   "near Svatove and Kreminna.",
     [dp(RU, "Svatove", "near", f"Svatove@{LUH}"),
      dp(RU, "Kreminna", "near", f"Kreminna@{LUH}")]),
    ("2023-03-10", "Ukrainian intelligence stated that elements of the Russian 2nd Motorized Rifle Division are "
                   "stationed in Valuyki.",
     [dp(RU, "Valuyki", "in", f"Valuyki@{BEL}")]),
    ("2022-10-30", "Newly mobilized Russian personnel arrived in Nova Kakhovka to reinforce positions on the east bank "
                   "of the Dnipro River.",
     [dp(RU, "Nova Kakhovka", "in", f"Nova Kakhovka@{KHE}")]),
    ("2024-11-05", "North Korean soldiers trained at ranges in Kursk Oblast in late October, Ukrainian intelligence "
                   "said.",
     [dp(NK, "Kursk Oblast", "in", f"R:{KUR}")]),
    ("2025-07-10", "Ukrainian forces deployed additional drone units to Kostiantynivka last week.",
     [dp(UA, "Kostiantynivka", "to", f"Kostiantynivka@{DON}")]),
    ("2023-11-03", "Elements of the Russian 5th Motorized Rifle Brigade are operating near Vuhledar, according to a "
                   "Russian milblogger.",
     [dp(RU, "Vuhledar", "near", f"Vuhledar@{DON}")]),
    ("2025-09-20", "A Ukrainian military observer reported that Russia has transferred up to two regiments to the "
                   "Kupiansk direction from Belgorod Oblast.",
     [dp(RU, "Kupiansk", "direction", f"Kupiansk@{KHA}")]),
    ("2024-02-10", "Russian forces have accumulated significant reserves near Tokmak, a Ukrainian officer said.",
     [dp(RU, "Tokmak", "near", f"Tokmak@{ZAP}")]),
    ("2023-06-25", "The Russian 83rd Air Assault Brigade was reportedly redeployed from the Kherson direction to "
                   "Kreminna.",
     [dp(RU, "Kreminna", "to", f"Kreminna@{LUH}")]),
    ("2025-04-20", "Russian troops remain stationed at the nuclear power plant in Enerhodar, the IAEA reported.",
     [dp(RU, "Enerhodar", "in", f"Enerhodar@{ZAP}")]),

    # --- harder phrasing: parenthetical locators, idioms, units as subjects -------------------
    ("2024-11-20", "Geolocated footage published on November 19 indicates that Russian forces recently advanced north "
                   "of Kurakhivka (west of Selydove).",
     [a(RU, CONF, None, "Kurakhivka", "north of", f"Kurakhivka@{DON}")]),
    ("2024-11-13", "Khortytsia Group of Forces spokesperson Viktor Trehubov stated on November 12 that Russian forces "
                   "are trying to bypass Kurakhove from the north.",
     [at(RU, "Kurakhove", "near", f"Kurakhove@{DON}")]),
    ("2024-02-20", "Avdiivka fell to Russian forces on February 17 after months of costly assaults, ISW assessed.",
     [a(RU, ASS, None, "Avdiivka", "in", f"Avdiivka@{DON}")]),
    ("2022-09-12", "Ukrainian forces drove Russian troops from Balakliia and Izium over the weekend, according to "
                   "Ukrainian officials.",
     [a(UA, CLM, "Ukrainian officials", "Balakliia", "in", f"Balakliia@{KHA}"),
      a(UA, CLM, "Ukrainian officials", "Izium", "in", f"Izium@{KHA}")]),
    ("2024-10-08", "Russian forces seized the village of Bahatyr, west of Kurakhove, a Russian milblogger claimed on "
                   "October 7.",
     [a(RU, CLM, "Russian milblogger", "Bahatyr", "in", f"Bahatyr@{DON}")]),
    ("2024-12-10", "Russian forces conducted a company-sized mechanized assault near Velyka Novosilka on December 9, and "
                   "Ukrainian forces destroyed most of the column.",
     [at(RU, "Velyka Novosilka", "near", f"Velyka Novosilka@{DON}")]),
    ("2024-05-14", "Elements of the Russian 6th Combined Arms Army are fighting near Lyptsi, according to Ukrainian "
                   "sources.",
     [at(RU, "Lyptsi", "near", f"Lyptsi@{KHA}")]),
    ("2022-10-01", "Russian troops abandoned Lyman on October 1 to avoid encirclement, ISW assessed.",
     [a(UA, ASS, None, "Lyman", "in", f"Lyman@{DON}")]),
    ("2025-02-03", "Russian forces are reportedly transferring units from Kursk Oblast to the Pokrovsk direction.",
     [dp(RU, "Pokrovsk", "direction", f"Pokrovsk@{DON}")]),
    ("2025-10-22", "A Ukrainian spokesperson said that Russian forces are building up forces near Huliaipole in "
                   "Zaporizhzhia Oblast for a renewed offensive.",
     [dp(RU, "Huliaipole", "near", f"Huliaipole@{ZAP}")]),
    ("2023-11-30", "Ukrainian troops lost control of part of the western outskirts of Marinka, a Russian milblogger "
                   "claimed.",
     [a(RU, CLM, "Russian milblogger", "Marinka", "outskirts of", f"Marinka@{DON}")]),

    # --- batch B: written after the first fixes, scored before any change for it -----------------
    ("2025-02-11", "Russian forces recently advanced to the western outskirts of Toretsk, ISW assessed.",
     [a(RU, ASS, None, "Toretsk", "outskirts of", f"Toretsk@{DON}")]),
    ("2025-01-28", "Russian forces conducted a roughly battalion-sized mechanized assault in the direction of "
                   "Novopavlivka on January 27.",
     [at(RU, "Novopavlivka", "direction", "Novopavlivka@Dnipropetrovsk Oblast")]),
    ("2024-07-15", "The Russian military command has committed elements of the 8th Combined Arms Army to the Toretsk "
                   "direction.",
     [dp(RU, "Toretsk", "direction", f"Toretsk@{DON}")]),
    ("2024-10-30", "Elements of the Russian 76th Airborne Division are reportedly defending near Tyotkino.",
     [dp(RU, "Tyotkino", "near", f"Tyotkino@{KUR}")]),
    ("2025-01-20", "Russian forces crossed the Oskil River near Dvorichna and gained positions on the west bank, "
                   "according to Russian milbloggers.",
     [a(RU, CLM, "Russian milbloggers", "Dvorichna", "near", f"Dvorichna@{KHA}")]),
    ("2024-12-12", "Russian troops are attempting to encircle Kupiansk from the north, a Ukrainian officer said.",
     [at(RU, "Kupiansk", "near", f"Kupiansk@{KHA}")]),
    ("2025-02-14", "Russian forces have been operating in the Kupiansk area since November.",
     [dp(RU, "Kupiansk", "near", f"Kupiansk@{KHA}")]),
    ("2024-11-14", "A Russian milblogger claimed that elements of the Russian 20th Motorized Rifle Division seized "
                   "Petropavlivka, east of Kupiansk.",
     [a(RU, CLM, "Russian milblogger", "Petropavlivka", "in", f"Petropavlivka@{KHA}")]),
    ("2025-05-02", "DeepState updated its map to show Russian advances near Bilopillia.",
     [a(RU, CLM, "DeepState", "Bilopillia", "near", f"Bilopillia@{SUM}")]),
    ("2023-08-05", "According to the Russian MoD, Russian forces took Malynivka in Zaporizhzhia Oblast.",
     [a(RU, CLM, "Russian Defense Ministry", "Malynivka", "in", f"Malynivka@{ZAP}")]),
    ("2025-06-25", "Russian sources claimed that Russian forces advanced 500 meters deep in the direction of "
                   "Dobropillia.",
     [a(RU, CLM, "Russian sources", "Dobropillia", "direction", f"Dobropillia@{DON}")]),
    ("2024-02-06", "Russian troops attempted to storm Krasnohorivka three times on February 5.",
     [at(RU, "Krasnohorivka", "near", f"Krasnohorivka@{DON}")]),
    ("2025-01-09", "Russian troops have concentrated up to 10,000 personnel in the Pokrovsk direction, a Ukrainian "
                   "brigade commander said.",
     [dp(RU, "Pokrovsk", "direction", f"Pokrovsk@{DON}")]),
    ("2025-04-03", "Russian forces resumed offensive operations near Stepnohirsk after a lull of several weeks.",
     [at(RU, "Stepnohirsk", "near", f"Stepnohirsk@{ZAP}")]),
    ("2025-09-15", "Russian forces made gains in Kupiansk-Vuzlovyi, ISW assessed.",
     [a(RU, ASS, None, "Kupiansk-Vuzlovyi", "in", f"Kupiansk-Vuzlovyi@{KHA}")]),
    ("2025-02-27", "Russian forces appear to have captured Hryshyne, west of Pokrovsk.",
     [a(RU, ASS, None, "Hryshyne", "in", f"Hryshyne@{DON}")]),
    ("2024-11-27", "Russian forces likely seized Kurakhivka on November 26.",
     [a(RU, ASS, None, "Kurakhivka", "in", f"Kurakhivka@{DON}")]),
    ("2024-09-09", "Ukrainian forces launched a counteroffensive in the Kupiansk direction on Sunday, a Russian "
                   "milblogger claimed.",
     [at(UA, "Kupiansk", "direction", f"Kupiansk@{KHA}")]),
    ("2024-02-12", "Pro-Russian sources reported that Russian units broke through Ukrainian defenses west of "
                   "Avdiivka.",
     [a(RU, CLM, "pro-Russian sources", "Avdiivka", "west of", f"Avdiivka@{DON}")]),
    ("2024-07-08", "Ukrainian forces regained control over part of Illinivka, west of Kostiantynivka, the Ukrainian "
                   "General Staff reported.",
     [a(UA, CLM, "Ukrainian General Staff", "Illinivka", "in", f"Illinivka@{DON}")]),
    ("2022-09-09", "Russian forces fled Balakliia as Ukrainian troops approached the town, Ukrainian officials said.",
     [a(UA, CLM, "Ukrainian officials", "Balakliia", "in", f"Balakliia@{KHA}")]),
    ("2025-11-03", "Russian forces are entrenched in the southern part of Kupiansk, a Ukrainian officer said.",
     [dp(RU, "Kupiansk", "in", f"Kupiansk@{KHA}")]),
    ("2025-03-11", "Russian forces are likely to intensify assaults on Kostiantynivka in the coming months.", []),
    ("2025-03-02", "Zelensky visited troops in Kupiansk and awarded soldiers of several brigades.", []),
    ("2024-11-04", "Ukrainian forces struck a Russian command post in Rylsk, Kursk Oblast.", []),
    ("2025-01-06", "Footage posted on January 5 shows Ukrainian drones destroying Russian vehicles near Bakhmut.", []),
    ("2023-06-30", "The Russian command is reportedly preparing to redeploy forces from Kherson Oblast to "
                   "Zaporizhzhia Oblast.", []),
    ("2024-10-07", "Russian forces remain about eight kilometers from Pokrovsk, according to Ukrainian officials.", []),

    # --- negatives -----------------------------------------------------------------------------
    ("2024-01-08", "ISW has not observed any confirmed Russian advances in the Kreminna direction in recent days.", []),
    ("2024-07-02", "Russian forces will likely try to seize Chasiv Yar before turning toward Kostiantynivka, ISW "
                   "forecast.", []),
    ("2024-12-30", "Russian forces struck Zaporizhzhia city with glide bombs overnight, wounding several civilians.", []),
    ("2025-04-14", "A Russian ballistic missile strike hit the center of Sumy on April 13.", []),
    ("2023-12-02", "Ukraine's General Staff denied that Ukrainian forces had withdrawn from Krynky.", []),
    ("2025-02-10", "The Kremlin intends to push Ukrainian forces out of all of Donetsk Oblast by the end of the year, "
                   "according to Ukrainian intelligence.", []),
    ("2025-05-20", "Small Russian infiltration groups slipped into Kostiantynivka but did not change control of any part "
                   "of the city, ISW assessed.", []),
    ("2023-08-17", "Ukrainian HIMARS strikes destroyed a Russian ammunition depot near Nova Kakhovka.", []),
    ("2024-02-28", "Russian shelling of Kherson killed two residents and damaged a hospital.", []),
    ("2024-06-20", "Russian milbloggers complained that Ukrainian drone operators are disrupting Russian logistics "
                   "near Tokmak.", []),
    ("2024-08-20", "The Russian MoD denied that Ukrainian forces had entered Glushkovo.", []),
    ("2024-09-01", "If Russian forces capture Pokrovsk, they could threaten the logistics of Ukrainian forces across "
                   "western Donetsk Oblast.", []),
    ("2025-06-10", "Russian forces may attempt to advance toward Kostiantynivka from the south in the coming weeks.", []),
    ("2022-10-20", "Russian occupation officials announced the evacuation of civilians from Kherson city to the left "
                   "bank of the Dnipro River.", []),
    ("2024-10-15", "Russian forces did not conduct any ground attacks in the Siversk direction on October 14.", []),
    ("2023-07-25", "Russian glide bomb strikes targeted Orikhiv for the third day in a row.", []),
    ("2025-08-01", "Russian drones struck the railway station in Lozova, Kharkiv Oblast.", []),
    ("2024-04-30", "Ukrainian officials warned that Russia plans to mass up to 50,000 troops near the border of Kharkiv "
                   "Oblast for a summer offensive.", []),
    ("2025-03-25", "A Russian milblogger claimed that Ukrainian forces are preparing to counterattack near "
                   "Vovchansk.", []),
    ("2024-09-03", "Russian forces could encircle Pokrovsk if they cut the highway to Kostiantynivka.", []),
    ("2024-05-30", "Kupiansk lies about 40 kilometers from Svatove, and the Oskil River runs through the city.", []),
    # --- batch C: written blind (before reading tracker/extract/), scored before any change for it.
    # Conventions beyond the README: a training ground "near Y" is the training ground (region level,
    # as in the dev set), Y only locates it; a past gain stated as fact ("since they captured X in
    # 2024") is still an advance; footage "purportedly showing" is the poster's claim, not confirmation;
    # a spokesperson "confirming" a withdrawal is a claim; where a redeployment starts is no event.
    # long multi-clause ISW sentences
    ("2024-12-02", "Russian forces continued limited offensive operations in the Kupiansk direction on December 1 and "
                   "recently advanced north of Kupiansk, although Ukrainian forces repelled Russian assaults near "
                   "Kindrashivka and Bohuslavka.",
     [at(RU, "Kupiansk", "direction", f"Kupiansk@{KHA}"),
      a(RU, ASS, None, "Kupiansk", "north of", f"Kupiansk@{KHA}"),
      at(RU, "Kindrashivka", "near", f"Kindrashivka@{KHA}"),
      at(RU, "Bohuslavka", "near", f"Bohuslavka@{KHA}")]),
    ("2025-01-03", "Russian forces continued offensive operations in the Pokrovsk direction on January 2 and recently "
                   "advanced southwest of Pokrovsk, according to geolocated footage published on December 31, while "
                   "attacks near Myrnohrad did not result in confirmed gains.",
     [at(RU, "Pokrovsk", "direction", f"Pokrovsk@{DON}"),
      a(RU, CONF, None, "Pokrovsk", "southwest of", f"Pokrovsk@{DON}"),
      at(RU, "Myrnohrad", "near", f"Myrnohrad@{DON}")]),
    ("2024-07-16", "Russian forces continued offensive operations near Chasiv Yar and Toretsk on July 15, and a Russian "
                   "milblogger claimed that Russian forces advanced in the Kanal microraion of Chasiv Yar, though ISW "
                   "has not observed confirmation of this claim.",
     [at(RU, "Chasiv Yar", "near", f"Chasiv Yar@{DON}"),
      at(RU, "Toretsk", "near", f"Toretsk@{DON}"),
      a(RU, CLM, "Russian milblogger", "Chasiv Yar", "in", f"Chasiv Yar@{DON}")]),
    ("2023-09-20", "Ukrainian forces continued counteroffensive operations south of Bakhmut and in western Zaporizhzhia "
                   "Oblast on September 19 and made gains near Kurdiumivka, and geolocated footage published on "
                   "September 18 shows that Ukrainian troops advanced west of Verbove.",
     [at(UA, "Bakhmut", "south of", f"Bakhmut@{DON}"),
      at(UA, "western Zaporizhzhia Oblast", "in", f"R:{ZAP}"),
      a(UA, ASS, None, "Kurdiumivka", "near", f"Kurdyumivka@{DON}"),
      a(UA, CONF, None, "Verbove", "west of", f"Verbove@{ZAP}")]),
    ("2024-05-13", "Russian forces conducted assaults near Vovchansk and Lyptsi on May 12, and elements of the Russian "
                   "128th Motorized Rifle Brigade are reportedly stationed in Shebekino.",
     [at(RU, "Vovchansk", "near", f"Vovchansk@{KHA}"),
      at(RU, "Lyptsi", "near", f"Lyptsi@{KHA}"),
      dp(RU, "Shebekino", "in", f"Shebekino@{BEL}")]),
    ("2025-08-06", "Ukrainian forces recently counterattacked in the Dobropillia direction and regained positions near "
                   "Bilytske, while Russian forces attacked in the direction of Rodynske and Shakhove.",
     [at(UA, "Dobropillia", "direction", f"Dobropillia@{DON}"),
      a(UA, ASS, None, "Bilytske", "near", f"Bilytske@{DON}"),
      at(RU, "Rodynske", "direction", f"Rodynske@{DON}"),
      at(RU, "Shakhove", "direction", f"Shakhove@{DON}")]),
    # news prose quoting ISW
    ("2024-10-29", "ISW said on Tuesday that Russian troops had likely captured Selydove, a mining town southeast of "
                   "Pokrovsk, and were pushing toward Kurakhove.",
     [a(RU, ASS, None, "Selydove", "in", f"Selydove@{DON}"),
      at(RU, "Kurakhove", "toward", f"Kurakhove@{DON}")]),
    ("2025-03-13", "Moscow's forces have recaptured most of the ground Kyiv held in Kursk Oblast, the Washington-based "
                   "Institute for the Study of War said on Wednesday, adding that Ukrainian units appear to have left "
                   "Guevo.",
     [a(RU, ASS, None, "Kursk Oblast", "in", f"R:{KUR}"),
      a(RU, ASS, None, "Guevo", "in", f"Guyevo@{KUR}")]),
    ("2023-05-21", "In its latest update, the Institute for the Study of War wrote that Wagner fighters had likely "
                   "cleared the last Ukrainian-held blocks of Bakhmut and that Ukrainian forces counterattacked north "
                   "of the city near Khromove.",
     [a(RU, ASS, None, "Bakhmut", "in", f"Bakhmut@{DON}"),
      # corrected after scoring: "north of the city near X" is both places, as in "attacked north of
      # Pokrovsk near Rodynske" above; "the city" is Bakhmut
      at(UA, "Bakhmut", "north of", f"Bakhmut@{DON}"),
      at(UA, "Khromove", "near", f"Khromove@{DON}")]),
    ("2024-02-19", "According to the Institute for the Study of War, Russian troops advanced west of Avdiivka after the "
                   "Ukrainian withdrawal from the city and also attacked near Krynky on the east bank of the Dnipro.",
     [a(RU, ASS, None, "Avdiivka", "west of", f"Avdiivka@{DON}"),
      at(RU, "Krynky", "near", f"Krynky@{KHE}")]),
    # Key Takeaways bullets
    ("2024-11-21", "Key Takeaways:\n• Russian forces recently advanced in eastern Kurakhove and southwest of Velyka "
                   "Novosilka.\n• North Korean troops are reportedly participating in assaults near Tyotkino in Kursk "
                   "Oblast.",
     [a(RU, ASS, None, "Kurakhove", "in", f"Kurakhove@{DON}"),
      a(RU, ASS, None, "Velyka Novosilka", "southwest of", f"Velyka Novosilka@{DON}"),
      at(NK, "Tyotkino", "near", f"Tyotkino@{KUR}")]),
    ("2023-02-25", "Key Takeaways\n- Russian forces made marginal gains north of Bakhmut.\n- Russian forces continued "
                   "ground attacks near Kreminna.\n- Russian troops continued joint exercises with Belarusian units at "
                   "the Brestsky training ground.",
     [a(RU, ASS, None, "Bakhmut", "north of", f"Bakhmut@{DON}"),
      at(RU, "Kreminna", "near", f"Kreminna@{LUH}"),
      dp(RU, "Brestsky training ground", "in", f"R:{BRE}")]),
    ("2025-10-15", "• Russian forces recently advanced near Kupiansk, Siversk, and Pokrovsk.\n• Ukrainian forces "
                   "recently advanced near Kostiantynivka.",
     [a(RU, ASS, None, "Kupiansk", "near", f"Kupiansk@{KHA}"),
      a(RU, ASS, None, "Siversk", "near", f"Siversk@{DON}"),
      a(RU, ASS, None, "Pokrovsk", "near", f"Pokrovsk@{DON}"),
      a(UA, ASS, None, "Kostiantynivka", "near", f"Kostiantynivka@{DON}")]),
    # claims with various verbs
    ("2025-04-08", "The Russian Ministry of Defense asserted on April 7 that Russian troops had taken control of "
                   "Ivanopillia and Shcherbynivka.",
     [a(RU, CLM, "Russian Defense Ministry", "Ivanopillia", "in", f"Ivanopillya@{DON}"),
      a(RU, CLM, "Russian Defense Ministry", "Shcherbynivka", "in", f"Shcherbynivka@{DON}")]),
    ("2024-06-10", "Chechen leader Ramzan Kadyrov boasted that Akhmat fighters had pushed Ukrainian troops out of "
                   "several positions near Vovchansk.",
     [a(RU, CLM, "Ramzan Kadyrov", "Vovchansk", "near", f"Vovchansk@{KHA}")]),
    ("2025-02-18", "DeepState stated on Monday that Russian forces had advanced near Malokaterynivka in Zaporizhzhia "
                   "Oblast.",
     [a(RU, CLM, "DeepState", "Malokaterynivka", "near", f"Malokaterynivka@{ZAP}")]),
    ("2024-09-27", "A Russian milblogger posted footage purportedly showing Russian troops raising a flag in central "
                   "Vuhledar.",
     [a(RU, CLM, "Russian milblogger", "Vuhledar", "in", f"Vuhledar@{DON}")]),
    ("2023-10-20", "Ukrainian General Staff spokesperson Andriy Kovalyov reported that Ukrainian forces repelled 15 "
                   "Russian attacks near Avdiivka and Marinka over the past day.",
     [at(RU, "Avdiivka", "near", f"Avdiivka@{DON}"),
      at(RU, "Marinka", "near", f"Marinka@{DON}")]),
    ("2024-08-15", "Ukrainian Commander-in-Chief Oleksandr Syrskyi stated on Wednesday that Ukrainian forces had "
                   "advanced one to two kilometers in Kursk Oblast and taken Sudzha.",
     [a(UA, CLM, "Oleksandr Syrskyi", "Kursk Oblast", "in", f"R:{KUR}"),
      a(UA, CLM, "Oleksandr Syrskyi", "Sudzha", "in", f"Sudzha@{KUR}")]),
    ("2025-05-22", "Russian Chief of the General Staff Valery Gerasimov claimed that Russian troops had entered "
                   "Yunakivka.",
     [a(RU, CLM, "Valery Gerasimov", "Yunakivka", "into", f"Yunakivka@{SUM}")]),
    ("2024-10-02", "A spokesperson for the Ukrainian Khortytsia Group of Forces confirmed that Ukrainian troops withdrew "
                   "from Vuhledar to preserve personnel.",
     [a(RU, CLM, "Ukrainian Khortytsia Group of Forces spokesperson", "Vuhledar", "in", f"Vuhledar@{DON}")]),
    ("2024-07-08", "Russian milbloggers asserted that Russian forces broke into Toretsk from the east, but geolocated "
                   "footage published on July 7 only confirms Russian advances east of Toretsk.",
     [a(RU, CLM, "Russian milbloggers", "Toretsk", "into", f"Toretsk@{DON}"),
      a(RU, CONF, None, "Toretsk", "east of", f"Toretsk@{DON}")]),
    ("2025-11-28", "Russian President Vladimir Putin claimed during a meeting with commanders that Russian forces have "
                   "fully seized Kupyansk and Volchansk.",
     [a(RU, CLM, "Vladimir Putin", "Kupyansk", "in", f"Kupiansk@{KHA}"),
      a(RU, CLM, "Vladimir Putin", "Volchansk", "in", f"Vovchansk@{KHA}")]),
    ("2025-01-27", "Ukrainian forces have withdrawn from Velyka Novosilka to avoid encirclement, the Khortytsia Group of "
                   "Forces said on January 26.",
     [a(RU, CLM, "Ukrainian Khortytsia Group of Forces", "Velyka Novosilka", "in", f"Velyka Novosilka@{DON}")]),
    ("2024-08-07", "Russian border guards withdrew from Sudzha as Ukrainian troops entered the town, a Russian "
                   "milblogger wrote.",
     [a(UA, CLM, "Russian milblogger", "Sudzha", "in", f"Sudzha@{KUR}")]),
    # confirmation in other wordings
    ("2024-12-16", "Geolocated imagery published on December 15 confirms that Russian troops have advanced to the "
                   "northern outskirts of Kostiantynivka.",
     [a(RU, CONF, None, "Kostiantynivka", "outskirts of", f"Kostiantynivka@{DON}")]),
    ("2025-06-03", "ISW geolocated footage showing Ukrainian troops recapturing a position southeast of Yunakivka, "
                   "indicating a marginal Ukrainian advance.",
     [a(UA, CONF, None, "Yunakivka", "southeast of", f"Yunakivka@{SUM}")]),
    ("2024-01-29", "Russian forces recently gained ground in Kruhliakivka (southeast of Kupiansk), as confirmed by "
                   "geolocated photos.",
     [a(RU, CONF, None, "Kruhliakivka", "in", f"Kruhliakivka@{KHA}")]),
    ("2025-09-04", "Visual evidence indicates that Russian forces seized Zarichne, northeast of Lyman.",
     [a(RU, CONF, None, "Zarichne", "in", f"Zarichne@{DON}")]),
    # deployments
    ("2024-11-05", "Elements of the Russian 810th Naval Infantry Brigade redeployed to Kursk Oblast from Kherson Oblast "
                   "in August, and North Korean troops are now stationed near Korenevo.",
     [dp(RU, "Kursk Oblast", "to", f"R:{KUR}"),
      dp(NK, "Korenevo", "near", f"Korenevo@{KUR}")]),
    ("2022-10-15", "Newly mobilized Russian servicemen arrived at the railway station in Valuyki on October 14 and are "
                   "reportedly heading to Svatove.",
     [dp(RU, "Valuyki", "in", f"Valuyki@{BEL}"),
      dp(RU, "Svatove", "to", f"Svatove@{LUH}")]),
    ("2023-04-10", "The Russian command concentrated up to 2,000 troops near Dzhankoi in northern Crimea ahead of the "
                   "expected Ukrainian counteroffensive, according to satellite imagery.",
     [dp(RU, "Dzhankoi", "near", "Dzhankoy@Crimea")]),
    ("2022-12-01", "Russian servicemen are training at the Obuz-Lesnovsky training ground near Baranovichi, the "
                   "Belarusian Hajun project reported.",
     [dp(RU, "Obuz-Lesnovsky training ground", "in", f"R:{BRE}")]),
    ("2025-02-14", "North Korean personnel are reportedly training at ranges in Primorsky Krai and are then transferred "
                   "to Kursk Oblast.",
     [dp(NK, "Primorsky Krai", "in", f"R:{PRI}"),
      dp(NK, "Kursk Oblast", "to", f"R:{KUR}")]),
    ("2024-04-15", "Russian forces are massing near Bilohorivka and Kreminna ahead of a renewed push toward Siversk, a "
                   "Ukrainian commander stated.",
     [dp(RU, "Bilohorivka", "near", f"Bilohorivka@{LUH}"),
      dp(RU, "Kreminna", "near", f"Kreminna@{LUH}")]),
    ("2023-08-29", "The Russian command has transferred elements of the 76th VDV Division from the Kreminna direction "
                   "to Tokmak.",
     [dp(RU, "Tokmak", "to", f"Tokmak@{ZAP}")]),
    ("2025-07-03", "Ukrainian military intelligence stated that Russia has concentrated roughly 20,000 troops in Bryansk "
                   "Oblast.",
     [dp(RU, "Bryansk Oblast", "in", f"R:{BRY}")]),
    ("2025-09-25", "Russian troops who took part in the Zapad-2025 exercise remain stationed near Osipovichi, according "
                   "to Ukrainian intelligence.",
     [dp(RU, "Osipovichi", "near", "Osipovichi@Mogilev Oblast")]),
    ("2022-10-20", "A new group of Russian troops arrived in Mozyr, Gomel Oblast, by rail on October 18 and 19, the "
                   "Hajun monitoring project reported.",
     [dp(RU, "Mozyr", "in", "Mazyr@Gomel Oblast")]),
    # attacks in other wordings
    ("2025-11-10", "Russian forces attacked in the direction of Huliaipole and Orikhiv on November 9 but did not make "
                   "confirmed advances.",
     [at(RU, "Huliaipole", "direction", f"Huliaipole@{ZAP}"),
      at(RU, "Orikhiv", "direction", f"Orikhiv@{ZAP}")]),
    ("2024-03-04", "Russian troops conducted assaults near Novobakhmutivka and Ocheretyne overnight on March 2 to 3.",
     [at(RU, "Novobakhmutivka", "near", f"Novobakhmutivka@{DON}"),
      at(RU, "Ocheretyne", "near", f"Ocheretyne@{DON}")]),
    ("2024-08-12", "The Freedom of Russia Legion and the Russian Volunteer Corps attacked toward Tyotkino from Sumy "
                   "Oblast, according to Russian sources.",
     [at(UA, "Tyotkino", "toward", f"Tyotkino@{KUR}")]),
    ("2024-10-22", "On Monday, Russian forces attacked Ukrainian positions near Siversk and Bilohorivka.",
     [at(RU, "Siversk", "near", f"Siversk@{DON}"),
      at(RU, "Bilohorivka", "near", f"Bilohorivka@{LUH}")]),
    ("2025-01-06", "North Korean and Russian forces conducted assaults near Sudzha on January 5.",
     [at(NK, "Sudzha", "near", f"Sudzha@{KUR}"),
      at(RU, "Sudzha", "near", f"Sudzha@{KUR}")]),
    # a past gain stated as fact, next to a negated one
    ("2025-02-05", "Russian forces have not made significant progress south of Kurakhove since they captured Vuhledar "
                   "in October 2024.",
     [a(RU, ASS, None, "Vuhledar", "in", f"Vuhledar@{DON}")]),
    # negatives
    ("2024-12-08", "Russian forces launched 110 Shahed drones and four Iskander-M missiles against Ukraine overnight on "
                   "December 7 to 8, targeting Kharkiv and Odesa.", []),
    ("2025-03-03", "Russian artillery shelled Nikopol and Marhanets from across the Dnipro River on Monday, wounding "
                   "three people.", []),
    ("2024-06-05", "Russian aircraft dropped glide bombs on Kostiantynivka and Druzhkivka, the Donetsk Oblast military "
                   "administration said.", []),
    ("2024-08-28", "ISW assessed that Russian forces may attempt to seize Siversk in the coming weeks to set conditions "
                   "for a later offensive against Sloviansk.", []),
    ("2025-05-15", "Putin reiterated that Moscow intends to take all of Donetsk Oblast, including Kramatorsk and "
                   "Sloviansk, through negotiations or by force.", []),
    ("2025-11-08", "The Ukrainian General Staff denied claims that Russian forces had encircled Myrnohrad.", []),
    ("2025-09-12", "Russian sabotage groups infiltrated the northern outskirts of Kupiansk, but ISW assesses that they "
                   "have not seized or held any part of the city.", []),
    ("2025-01-10", "ISW has not observed Russian forces advancing in the Toretsk direction since late December.", []),
    ("2024-11-15", "Belarusian President Alexander Lukashenko said in Minsk that Belarus has no plans to send troops to "
                   "fight in Ukraine.", []),
    ("2025-06-01", "Russian forces are now roughly three kilometers from the administrative border of Dnipropetrovsk "
                   "Oblast, according to Ukrainian observers.", []),
    ("2022-11-05", "The Russian command withdrew elements of the 7th VDV Division from the Kherson direction, ISW "
                   "assessed.", []),
    ("2025-06-02", "Ukrainian drones struck an oil refinery in Novocherkassk overnight on June 1 to 2.", []),
    ("2025-02-20", "South Korean intelligence warned that North Korea may send additional troops to Kursk Oblast in the "
                   "spring.", []),
    ("2024-10-25", "Kremlin: N. Korean troops fighting Ukraine would be ‘Russia’s own affair’", []),
    ("2024-02-03", "Ukrainian officials reported that Russian forces shelled Kherson city from positions in Oleshky on "
                   "the east bank.", []),
    # --- batch D: written blind (before reading tracker/extract/), scored before any change for it.
    # Other writers (wire-service prose, General Staff summaries, MoD statements in paraphrase,
    # milbloggers, DeepState, UK Defence Intelligence), Russian spellings, passive voice.
    # Conventions beyond the README and batch C: "the enemy" in a Ukrainian summary is Russia; a
    # passive gain with no agent ("X has been liberated, the Russian MoD said") takes the claimant's
    # side; "encircled X" is an advance around X; street fighting in X is an attack in X; a gain
    # dated in an earlier month or year is still an advance (its date is that month); "the name Moscow
    # uses for Y" and "north of Y" only explain the place; a claim by "Russia" names Russia.
    # wire-service and news prose
    ("2023-05-21", "Russia's defence ministry said on Saturday that Wagner units, backed by airborne troops, had "
                   "completed the capture of Artemovsk, the name Moscow uses for Bakhmut.",
     [a(RU, CLM, "Russian Defense Ministry", "Artemovsk", "in", f"Bakhmut@{DON}")]),
    ("2024-10-03", "Russia said on Thursday it had taken control of Ugledar, a hilltop mining town in the Donetsk "
                   "region.",
     [a(RU, CLM, "Russia", "Ugledar", "in", f"Vuhledar@{DON}")]),
    ("2022-09-11", "Izium was retaken by Ukrainian troops on Saturday, the Ukrainian military said.",
     [a(UA, CLM, "Ukrainian military", "Izium", "in", f"Izium@{KHA}")]),
    ("2022-10-02", "The Russian-held town of Lyman was retaken by Ukrainian forces on Saturday, ISW assessed.",
     [a(UA, ASS, None, "Lyman", "in", f"Lyman@{DON}")]),
    ("2023-12-26", "Ukraine's army chief Valerii Zaluzhnyi said Ukrainian troops had pulled back from Marinka to "
                   "positions on its northern outskirts.",
     [a(RU, CLM, "Valerii Zaluzhnyi", "Marinka", "in", f"Marinka@{DON}")]),
    ("2024-08-10", "Ukrainian forces have pushed some 30 kilometres into Russia's Kursk region, Russian war bloggers "
                   "said, reporting heavy fighting near Korenevo.",
     [a(UA, CLM, "Russian war bloggers", "Kursk region", "into", f"R:{KUR}"),
      at(UA, "Korenevo", "near", f"Korenevo@{KUR}")]),
    ("2025-04-15", "Russian forces captured Bakhmut in May 2023 and Avdiivka in February 2024 and have since advanced "
                   "slowly toward Pokrovsk, ISW noted.",
     [a(RU, ASS, None, "Bakhmut", "in", f"Bakhmut@{DON}"),
      a(RU, ASS, None, "Avdiivka", "in", f"Avdiivka@{DON}"),
      a(RU, ASS, None, "Pokrovsk", "toward", f"Pokrovsk@{DON}")]),
    ("2025-03-10", "Since Ugledar fell to Russian troops in October 2024, Russian forces have also taken Velyka "
                   "Novosilka, ISW noted.",
     [a(RU, ASS, None, "Ugledar", "in", f"Vuhledar@{DON}"),
      a(RU, ASS, None, "Velyka Novosilka", "in", f"Velyka Novosilka@{DON}")]),
    ("2022-05-26", "Svitlodarsk was captured by Russian forces, ISW assessed.",
     [a(RU, ASS, None, "Svitlodarsk", "in", f"Svitlodarsk@{DON}")]),
    ("2023-09-18", "Ukrainian forces retook the Russian-held village of Kurdiumivka south of Bakhmut, the Ukrainian "
                   "military said on Sunday.",
     [a(UA, CLM, "Ukrainian military", "Kurdiumivka", "in", f"Kurdiumivka@{DON}")]),
    ("2022-06-25", "Ukrainian forces have completed their withdrawal from Sievierodonetsk, the city's mayor Oleksandr "
                   "Striuk said.",
     [a(RU, CLM, "Oleksandr Striuk", "Sievierodonetsk", "in", f"Sievierodonetsk@{LUH}")]),
    ("2022-05-08", "Kharkiv regional governor Oleh Syniehubov said Ukrainian troops had retaken Cherkaski Tyshky and "
                   "Ruska Lozova north of Kharkiv.",
     [a(UA, CLM, "Oleh Syniehubov", "Cherkaski Tyshky", "in", f"Cherkaski Tyshky@{KHA}"),
      a(UA, CLM, "Oleh Syniehubov", "Ruska Lozova", "in", f"Ruska Lozova@{KHA}")]),
    ("2023-08-16", "Deputy Defence Minister Hanna Maliar said Ukrainian troops had liberated Urozhaine in Donetsk "
                   "Oblast.",
     [a(UA, CLM, "Hanna Maliar", "Urozhaine", "in", f"Urozhaine@{DON}")]),
    ("2023-11-18", "Ukraine's navy spokesperson Dmytro Pletenchuk said Ukrainian marines had established positions on "
                   "the left bank near Kozachi Laheri.",
     [a(UA, CLM, "Dmytro Pletenchuk", "Kozachi Laheri", "near", f"Kozachi Laheri@{KHE}")]),
    # Russian Defence Ministry statements in paraphrase, Russian spellings
    ("2024-02-18", "The Russian Defence Ministry said its forces had taken full control of Avdeyevka after Ukrainian "
                   "units left the town.",
     [a(RU, CLM, "Russian Defense Ministry", "Avdeyevka", "in", f"Avdiivka@{DON}")]),
    ("2025-04-28", "Russian troops seized Basivka in Sumy Oblast, the Russian Defence Ministry said on Monday.",
     [a(RU, CLM, "Russian Defense Ministry", "Basivka", "in", f"Basivka@{SUM}")]),
    ("2024-05-15", "Russian units have advanced into the northern part of Volchansk, the Russian Defence Ministry "
                   "said.",
     [a(RU, CLM, "Russian Defense Ministry", "Volchansk", "into", f"Vovchansk@{KHA}")]),
    ("2025-12-01", "The Russian Defence Ministry announced that its troops had completed the liberation of "
                   "Krasnoarmeysk.",
     [a(RU, CLM, "Russian Defense Ministry", "Krasnoarmeysk", "in", f"Pokrovsk@{DON}")]),
    ("2025-02-09", "Dzerzhinsk has been fully liberated, the Russian Defence Ministry said on Sunday.",
     [a(RU, CLM, "Russian Defense Ministry", "Dzerzhinsk", "in", f"Toretsk@{DON}")]),
    ("2023-02-10", "Russia's Defence Ministry said Wagner fighters had taken Krasnaya Gora, north of Artemovsk.",
     [a(RU, CLM, "Russian Defense Ministry", "Krasnaya Gora", "in", f"Krasna Hora@{DON}")]),
    ("2025-01-22", "The Russian Defence Ministry said its Dnepr group repelled three Ukrainian counterattacks near "
                   "Orekhov in the Zaporozhye region.",
     [at(UA, "Orekhov", "near", f"Orikhiv@{ZAP}")]),
    ("2024-03-19", "Ukrainian forces attacked across the border toward Novaya Tavolzhanka in Belgorod Oblast, the "
                   "Russian MoD said.",
     [at(UA, "Novaya Tavolzhanka", "toward", f"Novaya Tavolzhanka@{BEL}")]),
    # milbloggers, DeepState, UK Defence Intelligence
    ("2024-07-10", "Russian milbloggers claimed that Russian assault groups had entered the Kanal neighborhood of "
                   "Chasov Yar.",
     [a(RU, CLM, "Russian milbloggers", "Chasov Yar", "into", f"Chasiv Yar@{DON}")]),
    ("2024-12-20", "Pro-Russian war correspondents claimed that Russian units had encircled Kurakhove.",
     [a(RU, CLM, "pro-Russian war correspondents", "Kurakhove", "around", f"Kurakhove@{DON}")]),
    ("2025-12-20", "Russian forces are fighting in the streets of Seversk, a pro-Russian military channel wrote.",
     [at(RU, "Seversk", "in", f"Siversk@{DON}")]),
    ("2024-09-06", "DeepState's latest map update shows Novohrodivka under Russian control.",
     [a(RU, CLM, "DeepState", "Novohrodivka", "in", f"Novohrodivka@{DON}")]),
    ("2022-07-04", "UK Defence Intelligence said Russian forces had very likely captured Lysychansk over the past 48 "
                   "hours.",
     [a(RU, CLM, "UK Defence Intelligence", "Lysychansk", "in", f"Lysychansk@{LUH}")]),
    ("2023-03-20", "UK Defence Intelligence said Wagner fighters had probably pushed into central Bakhmut.",
     [a(RU, CLM, "UK Defence Intelligence", "Bakhmut", "into", f"Bakhmut@{DON}")]),
    # Ukrainian General Staff summaries and brigade statements
    ("2023-11-15", "Over the past day, Ukrainian defenders repelled 12 enemy attacks near Avdiivka and nine near "
                   "Marinka, the General Staff said in its morning summary.",
     [at(RU, "Avdiivka", "near", f"Avdiivka@{DON}"),
      at(RU, "Marinka", "near", f"Marinka@{DON}")]),
    ("2025-06-12", "Ukrainian forces repelled 52 Russian assaults in the Pokrovsk direction over the past day, "
                   "including near Myrnohrad and Udachne, the General Staff reported.",
     [at(RU, "Pokrovsk", "direction", f"Pokrovsk@{DON}"),
      at(RU, "Myrnohrad", "near", f"Myrnohrad@{DON}"),
      at(RU, "Udachne", "near", f"Udachne@{DON}")]),
    ("2025-02-03", "The enemy carried out 14 assaults in the Lyman direction, near Torske and Zarichne, the General "
                   "Staff said.",
     [at(RU, "Lyman", "direction", f"Lyman@{DON}"),
      at(RU, "Torske", "near", f"Torske@{DON}"),
      at(RU, "Zarichne", "near", f"Zarichne@{DON}")]),
    ("2024-05-17", "Ukrainian troops pulled back from positions near Lukyantsi and Vovchansk, the General Staff said.",
     [a(RU, CLM, "Ukrainian General Staff", "Lukyantsi", "near", f"Lukyantsi@{KHA}"),
      a(RU, CLM, "Ukrainian General Staff", "Vovchansk", "near", f"Vovchansk@{KHA}")]),
    ("2024-01-15", "Russian troops tried to advance toward Novoyehorivka but were repulsed, the General Staff said.",
     [at(RU, "Novoyehorivka", "toward", f"Novoyehorivka@{KHA}")]),
    ("2024-10-20", "Russian assault units are fighting in the streets of Selidovo, a Ukrainian brigade spokesperson "
                   "said.",
     [at(RU, "Selidovo", "in", f"Selydove@{DON}")]),
    ("2024-02-12", "Ukrainian positions near Terny came under repeated Russian assaults over the weekend, a Ukrainian "
                   "brigade said.",
     [at(RU, "Terny", "near", f"Terny@{DON}")]),
    ("2024-09-15", "Russian forces launched a series of assaults near Mala Tokmachka and Kamianske, the Ukrainian "
                   "military said.",
     [at(RU, "Mala Tokmachka", "near", f"Mala Tokmachka@{ZAP}"),
      at(RU, "Kamianske", "near", f"Kamianske@{ZAP}")]),
    ("2022-08-30", "Ukrainian forces launched counteroffensive operations near Davydiv Brid in Kherson Oblast, a "
                   "Ukrainian official said.",
     [at(UA, "Davydiv Brid", "near", f"Davydiv Brid@{KHE}")]),
    ("2023-05-23", "Fighters of the Freedom of Russia Legion attacked near Grayvoron in Belgorod Oblast on Monday, "
                   "regional governor Vyacheslav Gladkov said.",
     [at(UA, "Grayvoron", "near", f"Grayvoron@{BEL}")]),
    ("2023-03-03", "The Russian Volunteer Corps said its fighters carried out a raid near Suzemka in Bryansk Oblast.",
     [at(UA, "Suzemka", "near", f"Suzemka@{BRY}")]),
    ("2024-12-16", "North Korean infantry units joined Russian assaults near Tyotkino, Ukrainian special forces said.",
     [at(NK, "Tyotkino", "near", f"Tyotkino@{KUR}"),
      at(RU, "Tyotkino", "near", f"Tyotkino@{KUR}")]),
    # deployments
    ("2024-10-25", "Moscow has shifted elements of its 41st Combined Arms Army to the Kurakhovo area, Ukrainian "
                   "officers said.",
     [dp(RU, "Kurakhovo", "near", f"Kurakhove@{DON}")]),
    ("2024-05-02", "Ukrainian military intelligence said Russia was massing troops near the border in Belgorod "
                   "Oblast.",
     [dp(RU, "Belgorod Oblast", "in", f"R:{BEL}")]),
    ("2024-11-06", "Around 11,000 North Korean troops have been deployed to Kursk Oblast, the Pentagon said.",
     [dp(NK, "Kursk Oblast", "to", f"R:{KUR}")]),
    ("2025-06-02", "Zelensky said Russia had concentrated more than 50,000 troops in the Sumy direction.",
     [dp(RU, "Sumy", "direction", f"Sumy@{SUM}")]),
    ("2024-06-10", "Russian troops have been moved to the border areas of the Bryansk region, Ukrainian border guard "
                   "spokesperson Andriy Demchenko said.",
     [dp(RU, "Bryansk region", "to", f"R:{BRY}")]),
    ("2024-08-13", "Russia has begun redeploying units from Zaporizhzhia to the Kursk region to counter the incursion, "
                   "Ukrainian intelligence said.",
     [dp(RU, "Kursk region", "to", f"R:{KUR}")]),
    ("2023-02-08", "Russian naval infantry reinforcements arrived near Vuhledar before the assault began, a Ukrainian "
                   "military spokesperson said.",
     [dp(RU, "Vuhledar", "near", f"Vuhledar@{DON}")]),
    ("2024-08-14", "Ukraine has moved additional brigades into Kursk Oblast to hold the ground it captured.",
     [dp(UA, "Kursk Oblast", "into", f"R:{KUR}")]),
    ("2023-06-01", "Russia has deployed additional Rosgvardia units to Belgorod Oblast following cross-border raids, "
                   "UK Defence Intelligence said.",
     [dp(RU, "Belgorod Oblast", "to", f"R:{BEL}")]),
    ("2025-08-15", "The Russian command is pulling units from the Zaporizhzhia direction and redeploying them to the "
                   "Dobropillia direction, a Ukrainian officer said.",
     [dp(RU, "Dobropillia", "direction", f"Dobropillia@{DON}")]),
    # negatives
    ("2023-07-18", "Russian drones attacked the port of Odesa overnight, damaging grain terminals.", []),
    ("2024-05-11", "Authorities ordered the evacuation of families with children from Vovchansk as shelling "
                   "intensified.", []),
    ("2025-08-16", "At the Alaska summit, Putin reportedly demanded that Ukraine withdraw its troops from Kramatorsk "
                   "and Sloviansk.", []),
    ("2024-06-20", "The Kremlin denied reports that Russian forces had been pushed out of Vovchansk.", []),
    ("2025-02-10", "Analysts expect Russian forces to try to encircle Kostiantynivka later this year.", []),
    ("2022-08-20", "Ukrainian officials said a drone hit the headquarters of Russia's Black Sea Fleet in "
                   "Sevastopol.", []),
    ("2023-10-06", "A Russian missile hit a cafe in a village near Kupiansk during a wake, killing more than 50 "
                   "people.", []),
    ("2024-10-16", "Ukrainian long-range drones struck the Khalino airfield in Kursk Oblast.", []),
    ("2025-04-01", "Residents of Kramatorsk say the front line is now only about 20 kilometres from the city.", []),
    ("2023-06-07", "The destruction of the Kakhovka dam flooded villages downstream, including Oleshky and Hola "
                   "Prystan.", []),
    ("2025-09-03", "Ukraine's General Staff rejected Russian claims that Kupiansk had been captured.", []),
    ("2024-11-25", "Ukrainian forces could be forced to withdraw from Kurakhove within weeks if supply lines are cut, "
                   "a Ukrainian officer warned.", []),
    ("2023-01-30", "Belgorod governor Vyacheslav Gladkov said Ukrainian shelling damaged houses in Shebekino.", []),
    # --- batch E: written blind (before reading tracker/extract/), scored before any change for it.
    # Attack language across writers (General Staff, MoD, milbloggers, wire prose, ISW), plus
    # advances, deployments and negatives in the same voices. Conventions beyond the README and
    # batches C/D: "clashes"/"combat engagements" reported by Ukraine's General Staff with no side
    # named are Russian attacks; fighting "for"/"around"/"in" X with a side named is that side's
    # attack; "attempted to advance", "probing attacks", "unsuccessful assaults", "stormed",
    # "counterattacked" are attacks; "in the areas of X" is near X; an attempted infiltration is
    # no event, like an infiltration that changes no control; "the X sector" is the X direction;
    # "around X" is near X (as in the dev set, where 'around' is kept for encirclement).
    ("2024-11-03", "Ukraine's General Staff reported 41 clashes in the Pokrovsk sector on Saturday, most of them near "
                   "Myrnohrad and Hrodivka.",
     [at(RU, "Pokrovsk", "direction", f"Pokrovsk@{DON}"),
      at(RU, "Myrnohrad", "near", f"Myrnohrad@{DON}"),
      at(RU, "Hrodivka", "near", f"Hrodivka@{DON}")]),
    ("2024-06-18", "Heavy fighting with Russian assault units continues around Chasiv Yar, a Ukrainian brigade "
                   "spokesperson said on Tuesday.",
     [at(RU, "Chasiv Yar", "near", f"Chasiv Yar@{DON}")]),
    ("2025-03-20", "Russian troops stormed Stepnohirsk twice overnight but were beaten back, Ukraine's Southern "
                   "Defense Forces said.",
     [at(RU, "Stepnohirsk", "in", f"Stepnohirsk@{ZAP}")]),
    ("2023-02-10", "Russian forces launched an assault on Vuhledar from the south on Thursday, ISW reported, citing "
                   "Ukrainian military officials.",
     [at(RU, "Vuhledar", "on", f"Vuhledar@{DON}")]),
    ("2024-12-08", "The enemy attacked our positions near Shcherbynivka and Niu-York eight times over the past day, "
                   "the General Staff reported.",
     [at(RU, "Shcherbynivka", "near", f"Shcherbynivka@{DON}"),
      at(RU, "Niu-York", "near", f"Niu-York@{DON}")]),
    ("2025-01-12", "Ukrainian defenders repelled 27 Russian attacks in the Pokrovsk sector near Udachne and "
                   "Novohrodivka, the General Staff said.",
     [at(RU, "Pokrovsk", "direction", f"Pokrovsk@{DON}"),
      at(RU, "Udachne", "near", f"Udachne@{DON}"),
      at(RU, "Novohrodivka", "near", f"Novohrodivka@{DON}")]),
    ("2023-07-02", "Combat engagements with Russian forces took place near Bilohorivka and Kreminna, the General Staff "
                   "said.",
     [at(RU, "Bilohorivka", "near", f"Bilohorivka@{LUH}"),
      at(RU, "Kreminna", "near", f"Kreminna@{LUH}")]),
    ("2023-08-20", "Ukrainian forces continued counteroffensive operations south of Orikhiv and near Mala Tokmachka on "
                   "August 19 but did not make confirmed gains.",
     [at(UA, "Orikhiv", "south of", f"Orikhiv@{ZAP}"),
      at(UA, "Mala Tokmachka", "near", f"Mala Tokmachka@{ZAP}")]),
    ("2024-09-05", "Russian forces conducted offensive actions in the areas of Ukrainsk, Novohrodivka and Selydove on "
                   "September 4.",
     [at(RU, "Ukrainsk", "near", f"Ukrainsk@{DON}"),
      at(RU, "Novohrodivka", "near", f"Novohrodivka@{DON}"),
      at(RU, "Selydove", "near", f"Selydove@{DON}")]),
    ("2024-07-25", "Russian forces conducted probing attacks near Vovchansk and Lyptsi, the Ukrainian Kharkiv group "
                   "said.",
     [at(RU, "Vovchansk", "near", f"Vovchansk@{KHA}"),
      at(RU, "Lyptsi", "near", f"Lyptsi@{KHA}")]),
    ("2025-05-10", "Russian forces attempted to advance near Bahatyr and Kostiantynopil but were unsuccessful, ISW "
                   "reported.",
     [at(RU, "Bahatyr", "near", f"Bahatyr@{DON}"),
      at(RU, "Kostiantynopil", "near", f"Kostiantynopil@{DON}")]),
    ("2024-04-02", "Russian forces conducted unsuccessful assaults northwest of Avdiivka and near Ocheretyne on "
                   "April 1.",
     [at(RU, "Avdiivka", "northwest of", f"Avdiivka@{DON}"),
      at(RU, "Ocheretyne", "near", f"Ocheretyne@{DON}")]),
    ("2025-10-14", "Russian assault groups tried to infiltrate Kupiansk in small groups, but Ukrainian units tracked "
                   "and destroyed them, the Ukrainian military said.", []),
    ("2024-10-20", "Russian milbloggers claimed that fighting continues for Selydove, with Russian units attacking "
                   "from the south and east.",
     [at(RU, "Selydove", "near", f"Selydove@{DON}")]),
    ("2024-08-16", "Fierce clashes broke out near Korenevo as Ukrainian troops pushed deeper into the Kursk region, a "
                   "Russian war correspondent wrote.",
     [at(UA, "Korenevo", "near", f"Korenevo@{KUR}"),
      a(UA, CLM, "Russian war correspondent", "Kursk region", "into", f"R:{KUR}")]),
    ("2023-09-10", "Ukrainian troops attacked Russian positions near Verbove throughout the day, the Ukrainian General "
                   "Staff said.",
     [at(UA, "Verbove", "near", f"Verbove@{ZAP}")]),
    ("2024-06-22", "The Russian Defence Ministry said its units repelled five attacks by Ukrainian assault groups near "
                   "Krynky.",
     [at(UA, "Krynky", "near", f"Krynky@{KHE}")]),
    ("2025-11-05", "Fighting continues in the eastern districts of Kostiantynivka, where Russian assault groups are "
                   "trying to gain a foothold, a Ukrainian officer said.",
     [at(RU, "Kostiantynivka", "in", f"Kostiantynivka@{DON}")]),
    ("2022-07-08", "Russian forces launched a ground assault toward Siversk from the east but made no progress, the "
                   "Ukrainian General Staff reported.",
     [at(RU, "Siversk", "toward", f"Siversk@{DON}")]),
    ("2024-11-25", "Russian troops are storming Kurakhovo from three sides, the Russian-installed DNR leader Denis "
                   "Pushilin claimed.",
     [at(RU, "Kurakhovo", "in", f"Kurakhove@{DON}")]),
    ("2024-05-20", "Russian units are fighting in Volchansk, Russian war correspondents said.",
     [at(RU, "Volchansk", "in", f"Vovchansk@{KHA}")]),
    ("2025-06-10", "Heavy fighting raged around Yunakivka in Sumy Oblast, where Russian forces are trying to widen "
                   "their foothold, the Ukrainian border guard said.",
     [at(RU, "Yunakivka", "near", f"Yunakivka@{SUM}")]),
    ("2025-08-14", "Ukrainian units counterattacked near Dvorichna, a Ukrainian brigade said.",
     [at(UA, "Dvorichna", "near", f"Dvorichna@{KHA}")]),
    ("2024-01-18", "The General Staff said the enemy made nine unsuccessful attempts to advance in the Kupiansk "
                   "direction, near Kindrashivka and Petropavlivka.",
     [at(RU, "Kupiansk", "direction", f"Kupiansk@{KHA}"),
      at(RU, "Kindrashivka", "near", f"Kindrashivka@{KHA}"),
      at(RU, "Petropavlivka", "near", f"Petropavlivka@{KHA}")]),
    # advances in the same voices
    ("2025-02-27", "Russia's defence ministry said its forces had liberated the settlement of Udachnoye in the Donetsk "
                   "region.",
     [a(RU, CLM, "Russian Defense Ministry", "Udachnoye", "in", f"Udachne@{DON}")]),
    ("2024-09-08", "Russian troops have taken control of Novogrodovka, the Russian Ministry of Defence said on Sunday.",
     [a(RU, CLM, "Russian Defense Ministry", "Novogrodovka", "in", f"Novohrodivka@{DON}")]),
    ("2024-07-20", "DeepState reported that Russian forces had advanced near Niu-York and in Toretsk.",
     [a(RU, CLM, "DeepState", "Niu-York", "near", f"Niu-York@{DON}"),
      a(RU, CLM, "DeepState", "Toretsk", "in", f"Toretsk@{DON}")]),
    ("2024-06-25", "A Russian milblogger claimed that Russian assault groups reached the outskirts of Dzerzhinsk.",
     [a(RU, CLM, "Russian milblogger", "Dzerzhinsk", "outskirts of", f"Toretsk@{DON}")]),
    ("2023-09-18", "Ukrainian troops have liberated Andriivka, south of Bakhmut, the General Staff said.",
     [a(UA, CLM, "Ukrainian General Staff", "Andriivka", "in", f"Andriivka@{DON}")]),
    ("2024-05-06", "Russian forces have highly likely captured Ocheretyne, north of Avdiivka, UK Defence Intelligence "
                   "said.",
     [a(RU, CLM, "UK Defence Intelligence", "Ocheretyne", "in", f"Ocheretyne@{DON}")]),
    ("2024-08-15", "Geolocated video shows Ukrainian soldiers in the center of Sudzha, confirming Ukrainian control of "
                   "the town, OSINT analysts said.",
     [a(UA, CONF, None, "Sudzha", "in", f"Sudzha@{KUR}")]),
    ("2024-09-20", "The Ukrainian army said its troops had retreated from Krasnohorivka to avoid encirclement.",
     [a(RU, CLM, "Ukrainian army", "Krasnohorivka", "in", f"Krasnohorivka@{DON}")]),
    # deployments in the same voices
    ("2024-11-12", "Russia has massed around 50,000 troops, including North Korean soldiers, in the Kursk region, "
                   "Zelensky said.",
     [dp(RU, "Kursk region", "in", f"R:{KUR}"),
      dp(NK, "Kursk region", "in", f"R:{KUR}")]),
    ("2023-10-12", "Russia had brought fresh reserves to the Avdiivka area, the spokesman of Ukraine's Tavria group "
                   "said.",
     [dp(RU, "Avdiivka", "near", f"Avdiivka@{DON}")]),
    ("2025-03-02", "Additional Ukrainian brigades have been stationed near Pokrovsk to shore up the defence, a "
                   "Ukrainian commander said.",
     [dp(UA, "Pokrovsk", "near", f"Pokrovsk@{DON}")]),
    ("2024-05-08", "Russia is building up troops in Belgorod Oblast, Ukrainian military intelligence said.",
     [dp(RU, "Belgorod Oblast", "in", f"R:{BEL}")]),
    # negatives in the same voices
    ("2024-07-14", "Russian artillery shelled Orikhiv overnight, wounding three civilians, the regional governor said.",
     []),
    ("2025-01-20", "A Russian glide bomb struck a residential building in Kostiantynivka.", []),
    ("2024-08-21", "Authorities announced a mandatory evacuation of children from Pokrovsk as the front approached.",
     []),
    ("2025-05-15", "Ukrainian commanders expect Russian forces to attempt an assault on Kramatorsk in the summer.", []),
    ("2024-06-05", "The Russian Defence Ministry denied Ukrainian reports that its troops had been pushed out of "
                   "Volchansk.", []),
    ("2023-06-20", "Russian airstrikes hit Huliaipole for the third day in a row, a local official said.", []),
    ("2025-09-28", "A drone strike on Sumy damaged a school and a power substation.", []),
    ("2024-02-14", "Russian assault groups attempted to infiltrate Ukrainian positions near Terny under cover of fog, "
                   "the brigade said.", []),
    ("2022-12-20", "The Ukrainian president visited troops in Bakhmut and handed out awards.", []),
]


def _gold(lookup: str, gz) -> dict:
    if lookup.startswith("R:"):
        region = lookup[2:]
        centre = _settlement(CENTRES[region], region, gz)
        return {"gold_name": region, "geonameid": None, "lat": centre.lat, "lon": centre.lon,
                "admin1": region, "region_level": True}
    name, region = lookup.split("@")
    p = _settlement(name, region, gz)
    return {"gold_name": p.name, "geonameid": int(p.id.split(":")[1]), "lat": p.lat, "lon": p.lon,
            "admin1": p.admin1, "region_level": False}


def _settlement(name: str, region: str, gz):
    for m in gz.lookup(name, region=region, limit=5, fuzzy=False):
        p = m.place
        if p.admin1 == region and p.source == "GeoNames cities500":
            return p
    raise SystemExit(f"{name} not in cities500 in {region}")


def main() -> None:
    from gazetteer import Gazetteer
    gz = Gazetteer.default()
    lines = []
    for i, (date, text, events) in enumerate(ITEMS, 1):
        evs = []
        for side, kind, status, claimant, place, rel, lookup in events:
            evs.append({"side": side, "kind": kind, "status": status, "claimant": claimant, "place": place,
                        "relation": rel} | _gold(lookup, gz))
        lines.append(json.dumps({"id": f"h{i:03d}", "report_date": date, "text": text, "events": evs},
                                ensure_ascii=False))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    n_ev = sum(len(e) for _, _, e in ITEMS)
    n_neg = sum(not e for _, _, e in ITEMS)
    print(f"{OUT.name}: {len(ITEMS)} items, {n_ev} events, {n_neg} negatives")


if __name__ == "__main__":
    main()
