"""Bad input across the whole CLI (issue 9, "Bad input, whole CLI"; issue 14).

Every command of ``spaceplan --help`` gets unknown names, inverted or empty ranges, dates
outside DE421 (1899-07-29 to 2053-10-09), zero/negative/NaN/inf numbers, absurd sizes and
output paths that cannot be written.  Each case runs through the real ``main()`` in-process
(so the table stays fast: every failure is meant to happen before any computation) and must
print exactly one line on stderr naming the field, exit with status 2, print nothing on
stdout, show no traceback or "internal error", and leave no file behind.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from spaceplan.cli import main

PORK = ["porkchop", "earth", "mars"]
PORK_OK = PORK + ["--depart", "2026-08-01:2027-01-31", "--arrive", "2027-03-01:2028-03-01"]
WIN = ["windows", "earth", "mars", "--from", "2026", "--to", "2030"]
COV = ["constellation", "coverage", "rassvet_2027"]
CMP = ["constellation", "compare", "rassvet_2027", "oneweb"]
GT = ["constellation", "groundtrack", "rassvet_2027"]
LAT = ["constellation", "latency", "starlink_gen1", "--from", "moscow", "--to", "vladivostok"]
DEP = ["constellation", "deploy", "rassvet_2027", "--launcher", "soyuz-2.1b"]
PAY = ["launch", "payload", "falcon9"]
LAND = ["launch", "landing"]
ECO = ["launch", "economics", "falcon9"]
MARS = ["mars", "mission", "--year", "2028"]
DOSE = ["radiation", "dose", "--timeline", "deep_space:180d"]
RATES = ["radiation", "rates"]
TG1 = ["station", "reentry", str(Path(__file__).parents[1] / "validation" / "data" / "tiangong1_2017_2018.tle")]

# (argv, text the one-line message must contain: the field, often with its allowed range)
CASES = [
    # --- porkchop ------------------------------------------------------------------------
    (PORK_OK + ["--step", "1s"], "--step: 5e+14 porkchop cells"),
    (PORK_OK + ["--step", "0s"], "--step"),
    (PORK_OK + ["--step", "-1d"], "--step"),
    (PORK_OK + ["--step", "nan"], "--step"),
    (PORK_OK + ["--step", "1e400d"], "--step"),
    (PORK_OK + ["--step", "400d"], "--step"),
    (["porkchop", "earth", "pluto2", "--depart", "2026-08-01:2027-01-31", "--arrive", "2027-03-01:2028-03-01"], "unknown name 'pluto2'"),
    (PORK + ["--depart", "2027-01-31:2026-08-01", "--arrive", "2027-03-01:2028-03-01"], "--depart"),
    (PORK + ["--depart", "2026-08-01:2026-08-01", "--arrive", "2027-03-01:2028-03-01"], "--depart"),
    (PORK + ["--depart", "2026-08-01", "--arrive", "2027-03-01:2028-03-01"], "--depart"),
    (PORK + ["--depart", "1800-08-01:1801-01-31", "--arrive", "1801-03-01:1802-03-01"], "1899-07-29 to 2053-10-09"),
    (PORK + ["--depart", "2026-08-01:2027-01-31", "--arrive", "2053-03-01:2060-03-01"], "--arrive end"),
    (PORK + ["--depart", "2026-13-01:2027-01-31", "--arrive", "2027-03-01:2028-03-01"], "--depart start"),
    (PORK_OK + ["--plot", "afile/p.png"], "--plot: 'afile' is a file"),
    (PORK_OK + ["--plot", "p.gif"], "--plot: unknown figure file extension"),
    (PORK_OK + ["--plot", "/proc/spaceplan/p.png"], "--plot: cannot write"),
    (PORK_OK + ["--plot", "adir"], "--plot"),
    (PORK_OK + ["--plot", "adir.png"], "--plot: 'adir.png' is a folder"),
    # --- windows -------------------------------------------------------------------------
    (["windows", "earth", "mars", "--from", "2035", "--to", "2026"], "--to"),
    (["windows", "earth", "mars", "--from", "1800", "--to", "1810"], "--from"),
    (["windows", "earth", "mars", "--from", "2060", "--to", "2070"], "--from"),
    (["windows", "earth", "mars", "--from", "2040", "--to", "2052"], "--from/--to"),
    (["windows", "earth", "pluto2", "--from", "2026", "--to", "2030"], "unknown name 'pluto2'"),
    (["windows", "earth", "earth", "--from", "2026", "--to", "2030"], "arrival body"),
    (WIN + ["--c3-max", "nan"], "--c3-max"),
    (WIN + ["--c3-max", "-1"], "--c3-max"),
    (WIN + ["--tof-min", "nan"], "--tof-min"),
    (WIN + ["--tof-min", "-5"], "--tof-min"),
    (WIN + ["--tof-min", "300", "--tof-max", "100"], "--tof-max"),
    (WIN + ["--tof-max", "inf"], "--tof-max"),
    (WIN + ["--tof-max", "1e9"], "--tof-max"),
    (WIN + ["--ridge-deg", "nan"], "--ridge-deg"),
    (WIN + ["--ridge-deg", "95"], "--ridge-deg"),
    # --- mars starship / architectures, moon starship (issue 20) ---------------------------
    (["mars", "starship", "--payload", "-5t"], "--payload"),
    (["mars", "starship", "--payload", "999t"], "--payload"),
    (["mars", "starship", "--payload", "lots"], "--payload"),
    (["mars", "starship", "--variant", "bus"], "--variant"),
    (["mars", "starship", "--block", "7"], "--variant/--block"),
    (["mars", "starship", "--year", "1800"], "--year"),
    (["mars", "starship", "--cadence", "0/week"], "--cadence"),
    (["mars", "starship", "--boiloff", "100%/day"], "--boiloff"),
    (["mars", "starship", "--boiloff", "x"], "--boiloff"),
    (["mars", "starship", "--transfer-loss", "100"], "--transfer-loss"),
    (["mars", "starship", "--tankers", "-1"], "--tankers"),
    (["mars", "starship", "--entry-angle", "5"], "--entry-angle"),
    (["mars", "starship", "--tof", "5"], "--tof"),
    (["mars", "starship", "--departure", "2060-01-01"], "--departure"),
    (["mars", "starship", "--tanker-load", "0t"], "--tanker-load"),
    (["mars", "starship", "--plot", "p.gif"], "--plot"),
    (["mars", "entry", "--speed", "30"], "--speed"),
    (["mars", "entry", "--angle", "5"], "--angle"),
    (["mars", "entry", "--bank", "-10"], "--bank"),
    (["mars", "entry", "--deploy-speed", "9000"], "--deploy-speed"),
    (["mars", "entry", "--deploy-altitude", "200"], "--deploy-altitude"),
    (["mars", "entry", "--density-factor", "nan"], "--density-factor"),
    (["mars", "entry", "--vehicle", "apollo"], "--vehicle"),
    (["mars", "entry", "--plot", "e.gif"], "--plot"),
    (["mars", "architectures", "--landed", "0t"], "--landed"),
    (["mars", "architectures", "--crew-tof", "5"], "--crew-tof"),
    (["mars", "architectures", "--year", "3000"], "--year"),
    (["moon", "starship", "--payload", "-1t"], "--payload"),
    (["moon", "starship", "--cadence", "0/week"], "--cadence"),
    (["moon", "starship", "--boiloff", "200%"], "--boiloff"),
    # --- constellation -------------------------------------------------------------------
    (["constellation", "shells", "nosuch"], "constellation: unknown name 'nosuch'"),
    (["constellation", "shells", "oneweb", "--min-elevation", "nan"], "--min-elevation"),
    (COV + ["--grid", "0.001deg"], "--grid"),
    (COV + ["--grid", "0.05deg"], "--grid"),
    (COV + ["--grid", "0.1deg"], "--grid: 6.48e+06 ground points"),
    (COV + ["--grid", "0deg"], "--grid"),
    (COV + ["--grid", "nan"], "--grid"),
    (COV + ["--grid", "7deg"], "--grid"),
    (COV + ["--step", "0s"], "--step"),
    (COV + ["--duration", "100y"], "--duration"),
    (COV + ["--duration", "20y", "--step", "1h"], "--duration"),
    (COV + ["--duration", "5d", "--step", "1s"], "--duration: 2.8e+10 point-steps"),
    (COV + ["--grid", "0.2deg", "--step", "10s"], "--duration"),
    (COV + ["--start", "1800-01-01"], "--start"),
    (COV + ["--start", "2200-01-01"], "--start"),
    (COV + ["--start", "2053-10-01", "--duration", "30d"], "--duration"),
    (COV + ["--min-elevation", "-1"], "--min-elevation"),
    (COV + ["--min-elevation", "inf"], "--min-elevation"),
    (COV + ["--min-sats", "0"], "--min-sats"),
    (COV + ["--altitude", "0"], "--altitude"),
    (COV + ["--altitude", "nan"], "--altitude"),
    (COV + ["--region", "atlantis"], "--region"),
    (COV + ["--region", "bbox:80,10,0,10"], "--region"),
    (COV + ["--map", "bogus"], "--map"),
    (COV + ["--plot", "afile/x.png"], "--plot"),
    (COV + ["--plot", "x.jpg"], "--plot"),
    (COV + ["--plot", "/proc/spaceplan/x.png"], "--plot"),
    (CMP + ["--grid", "0.05deg"], "--grid"),
    (CMP + ["--step", "0s"], "--step"),
    (CMP + ["--duration", "100y"], "--duration"),
    (["constellation", "compare", "rassvet_2027", "nosuch"], "constellation: unknown name 'nosuch'"),
    (GT + ["--satellites", "0"], "--satellites"),
    (GT + ["--satellites", "1000"], "--satellites"),
    (GT + ["--step", "0s"], "--step"),
    (GT + ["--duration", "100y"], "--duration"),
    (GT + ["--start", "1700-01-01"], "--start"),
    (GT + ["--plot", "afile/x.png"], "--plot"),
    (["constellation", "catalog", "nosuch.tle"], "nosuch.tle"),
    (["constellation", "catalog", "afile"], "no satellite records"),
    (["constellation", "catalog", "afile", "--format", "bogus"], "--format"),
    (LAT[:-1] + ["atlantis"], "unknown name 'atlantis'"),
    (LAT + ["--step", "0s"], "--step"),
    (LAT + ["--duration", "30d", "--step", "1s"], "--step"),
    (LAT + ["--duration", "100y"], "--duration"),
    (LAT + ["--shell", "0"], "--shell"),
    (LAT + ["--min-elevation", "nan"], "--min-elevation"),
    (LAT + ["--route-factor", "0"], "--route-factor"),
    (LAT + ["--route-factor", "nan"], "--route-factor"),
    (LAT + ["--start", "1700-01-01"], "--start"),
    (LAT + ["--plot", "afile/x.png"], "--plot"),
    (LAT + ["--plot", "x.tiff"], "--plot"),
    (["constellation", "deploy", "rassvet_2027", "--launcher", "saturnV"], "--launcher"),
    (DEP + ["--cadence", "0/yr"], "--cadence"),
    (DEP + ["--cadence", "nan/yr"], "--cadence"),
    (DEP + ["--cadence", "1e9/yr"], "--cadence"),
    (DEP + ["--cadence", "0.0001/yr"], "--cadence"),
    (DEP + ["--cadence", "lots"], "--cadence"),
    (DEP + ["--sat-mass", "0"], "--sat-mass"),
    (DEP + ["--sat-mass", "nan"], "--sat-mass"),
    (DEP + ["--per-launch", "0"], "--per-launch"),
    (DEP + ["--per-launch", "100000"], "--per-launch"),
    (DEP + ["--raise-days", "-1"], "--raise-days"),
    (DEP + ["--raise-days", "1e12"], "--raise-days"),
    (DEP + ["--start", "1700-01-01"], "--start"),
    (DEP + ["--coverage-region", "atlantis"], "--coverage-region"),
    (DEP + ["--coverage-region", "world", "--coverage-threshold", "0"], "--coverage-threshold"),
    (DEP + ["--coverage-region", "world", "--coverage-threshold", "nan"], "--coverage-threshold"),
    (DEP + ["--plot", "afile/x.png"], "--plot: 'afile' is a file"),
    (DEP + ["--plot", "x.bmp"], "--plot"),
    (["constellation", "capacity", "nosuch"], "constellation"),
    (["constellation", "capacity", "starlink_gen1", "--payload", "nosuch"], "payload"),
    # --- launch --------------------------------------------------------------------------
    (["launch", "payload", "nosuch"], "vehicle"),
    (PAY + ["--orbit", "100x50"], "--orbit"),
    (PAY + ["--orbit", "abc"], "--orbit"),
    (PAY + ["--orbit", "-5x200"], "--orbit"),
    (PAY + ["--orbit", "1e9x1e9"], "--orbit"),
    (PAY + ["--inclination", "nan"], "--inclination"),
    (PAY + ["--inclination", "200"], "inclination"),
    (PAY + ["--site", "atlantis"], "--site"),
    (PAY + ["--recovery", "parachute"], "--recovery"),
    (PAY + ["--plot", "afile/x.png"], "--plot"),
    (PAY + ["--plot", "x.jpeg"], "--plot"),
    (LAND + ["--case", "nosuch"], "landing case"),
    (LAND + ["--nodes", "0"], "--nodes: got 0 (allowed: 10 to 400)"),
    (LAND + ["--nodes", "100000"], "10 to 400"),
    (LAND + ["--wet-mass", "nan"], "--wet-mass"),
    (LAND + ["--thrust-max", "0"], "--thrust-max"),
    (LAND + ["--gravity", "inf"], "--gravity"),
    (LAND + ["--tf", "-1"], "--tf"),
    (LAND + ["--r0", "a,b,c"], "--r0"),
    (LAND + ["--glide-slope", "95"], "--glide-slope"),
    (LAND + ["--plot", "afile/x.png"], "--plot"),
    (["launch", "economics", "nosuch"], "vehicle"),
    (ECO + ["--flights", "0..5"], "--flights"),
    (ECO + ["--flights", "20..1"], "--flights"),
    (ECO + ["--flights", "1..100000000000"], "--flights"),
    (ECO + ["--learning-rate", "nan"], "learning_rate"),
    (ECO + ["--flights-per-year", "0"], "flights_per_year"),
    (ECO + ["--refurbish", "-1"], "refurbish"),
    (ECO + ["--mode", "bogus"], "recovery mode"),
    (ECO + ["--plot", "afile/x.png"], "--plot"),
    # --- mars ----------------------------------------------------------------------------
    (["mars", "mission", "--year", "1800"], "--year"),
    (["mars", "mission", "--year", "2060"], "--year"),
    (MARS + ["--step", "0"], "--step"),
    (MARS + ["--step", "0.001"], "--step: got 0.001 d (allowed: 0.5 to 10 d)"),
    (MARS + ["--step", "nan"], "--step"),
    (MARS + ["--step", "100"], "--step"),
    (MARS + ["--class", "bogus"], "--class"),
    (MARS + ["--max-duration", "-1"], "--max-duration"),
    (MARS + ["--min-stay", "500", "--max-stay", "10"], "--max-stay"),
    (MARS + ["--min-stay", "nan"], "--min-stay"),
    (MARS + ["--shielding", "-1"], "--shielding"),
    (MARS + ["--shielding", "inf"], "--shielding"),
    (MARS + ["--max-transit", "10"], "--max-transit"),
    (MARS + ["--max-entry-speed", "0"], "--max-entry-speed"),
    (MARS + ["--plot", "afile/x.png"], "--plot"),
    # --- radiation -----------------------------------------------------------------------
    (["radiation", "dose", "--timeline", "deep_space:100y"], "0 to 3652.5 days (10 years)"),
    (["radiation", "dose", "--timeline", "deep_space:6y,mars_surface:6y"], "--timeline: the phases add up"),
    (["radiation", "dose", "--timeline", "deep_space:0d"], "--timeline phase 1 duration"),
    (["radiation", "dose", "--timeline", "deep_space:-5d"], "--timeline phase 1 duration"),
    (["radiation", "dose", "--timeline", "atlantis:10d"], "--timeline phase 1 location"),
    (["radiation", "dose", "--timeline", "nosuch.toml"], "--timeline"),
    (DOSE + ["--start", "1700-01-01"], "--start"),
    (DOSE + ["--start", "2100-01-01"], "--start"),
    (DOSE + ["--shielding", "nan"], "--shielding"),
    (DOSE + ["--shielding", "-1"], "--shielding"),
    (DOSE + ["--shielding", "1e9"], "--shielding"),
    (DOSE + ["--material", "gold"], "--material"),
    (DOSE + ["--solar", "1e9"], "--solar"),
    (DOSE + ["--spe", "bogus"], "--spe"),
    (DOSE + ["--spe", "aug1972", "--spe-phase", "5"], "--spe-phase"),
    (DOSE + ["--plot", "afile/x.png"], "--plot"),
    (DOSE + ["--plot", "x.txt"], "--plot"),
    (RATES + ["--shielding", "nan"], "--shielding"),
    (RATES + ["--material", "gold"], "--material"),
    (RATES + ["--solar", "bogus"], "--solar"),
    (RATES + ["--date", "1700-01-01"], "--date"),
    (RATES + ["--model", "bon2020"], "--model"),
    (DOSE + ["--shelter", "20"], "--shelter"),
    (DOSE + ["--spe", "aug1972", "--shelter", "-3"], "--shelter"),
    (["radiation", "belts", "--trajectory", "moon"], "--trajectory"),
    (["radiation", "belts", "--hours", "0"], "--hours"),
    (["radiation", "belts", "--inclination", "200"], "--inclination"),
    (["radiation", "belts", "--date", "1700-01-01"], "--date"),
    (["radiation", "belts", "--shielding", "nan"], "--shielding"),
    (["radiation", "belts", "--trajectory", "orbit", "--altitude", "50km"], "--altitude"),
    (["radiation", "belts", "--trajectory", "spiral", "--vehicle", "progress"], "--vehicle"),
    (["radiation", "belts", "--plot", "adir.png"], "--plot"),
    (["radiation", "orbit", "--inclination", "abc"], "--inclination"),
    (["radiation", "orbit", "--altitude", "50km"], "--altitude"),
    (["radiation", "orbit", "--shielding", "-1"], "--shielding"),
    (["radiation", "orbit", "--station", "nosuch"], "--station"),
    # --- study ---------------------------------------------------------------------------
    (["study", "nosuch.toml"], "scenario"),
    (["study", "--out", "afile"], "--out: 'afile' is a file"),
    (["study", "--out", "afile/sub"], "--out"),
    (["study", "--out", "/proc/spaceplan-out"], "--out: cannot write"),
    # --- claims ------------------------------------------------------------------------------
    (["claims", "nosuch.toml"], "scenario"),
    (["claims", "--only", "nosuch-claim"], "--only: unknown name 'nosuch-claim'"),
    (["claims", "--scheduler", "dask"], "--scheduler"),
    (["claims", "--workers", "0"], "--workers"),
    # --- sweep -------------------------------------------------------------------------------
    (["sweep", "nosuch.toml"], "scenario"),
    (["sweep", "nosuch.toml", "--workers", "0"], "--workers"),
    (["sweep", "nosuch.toml", "--workers", "100000"], "--workers"),
    # --- propulsion --------------------------------------------------------------------------
    (["propulsion", "edelbaum", "--a0", "0"], "--a0"),
    (["propulsion", "edelbaum", "--a0", "nan"], "--a0"),
    (["propulsion", "edelbaum", "--inc", "500"], "--inc: 500 deg"),
    (["propulsion", "edelbaum", "--accel", "0"], "accel"),
    (["propulsion", "edelbaum", "--vehicle", "nosuch"], "vehicle"),
    (["propulsion", "edelbaum", "--body", "pluto2"], "body"),
    (["propulsion", "edelbaum", "--cargo", "-5t"], "--cargo"),
    (["propulsion", "edelbaum", "--cargo", "5t"], "--cargo: only used with --vehicle"),
    (["propulsion", "spiral", "--vehicle", "nosuch"], "vehicle"),
    (["propulsion", "spiral", "--thrust", "nan"], "--thrust"),
    (["propulsion", "spiral", "--thrust", "5"], "--thrust: given together with --vehicle"),
    (["propulsion", "spiral", "--isp", "-1"], "--isp"),
    (["propulsion", "spiral", "--efficiency", "2"], "--efficiency"),
    (["propulsion", "spiral", "--vehicle", "", "--isp", "3000", "--power-kwe", "0"], "--power-kwe"),
    (["propulsion", "spiral", "--mass", "0"], "--mass"),
    (["propulsion", "spiral", "--alt", "-100"], "--alt: -100 km"),
    (["propulsion", "spiral", "--c3", "nan"], "--c3"),
    (["propulsion", "spiral", "--plot", "afile/x.png"], "--plot"),
    (["propulsion", "spiral", "--plot", "x.gif"], "--plot"),
    (["propulsion", "transfer", "earth", "pluto2"], "body"),
    (["propulsion", "transfer", "earth", "mars", "--depart", "2029-06:2028-01"], "--depart"),
    (["propulsion", "transfer", "earth", "mars", "--depart", "1800-01:1801-01"], "--depart start"),
    (["propulsion", "transfer", "earth", "mars", "--step", "0d"], "--step"),
    (["propulsion", "transfer", "earth", "mars", "--step", "1s"], "--step: 2.23e+08 low-thrust legs"),
    (["propulsion", "transfer", "earth", "mars", "--tof", "700:300"], "--tof"),
    (["propulsion", "transfer", "earth", "mars", "--tof-step", "0"], "--tof"),
    (["propulsion", "transfer", "earth", "mars", "--tof-step", "0.0001"], "low-thrust legs"),
    (["propulsion", "transfer", "earth", "mars", "--plot", "afile/x.png"], "--plot"),
    (["propulsion", "compare", "--cargo", "-5t"], "--cargo"),
    (["propulsion", "compare", "--to", "nowhere"], "destination"),
    (["propulsion", "compare", "--nep", "nosuch"], "vehicle"),
    (["propulsion", "compare", "--launchers", "nosuch"], "launcher"),
    (["propulsion", "compare", "--window", "2029-01-31:2028-09-01"], "--window"),
    (["propulsion", "compare", "--window", "1800-01-01:1800-02-01"], "--window start"),
    (["propulsion", "compare", "--helio-departure", "1700-01-01"], "--helio-departure"),
    (["propulsion", "compare", "--plot", "afile/x.png"], "--plot"),
    # --- power -------------------------------------------------------------------------------
    (["power", "illumination", "--site", "nosuch"], "site"),
    (["power", "illumination", "--site", "shackleton-rim", "--from", "2031-01-01", "--to", "2030-01-01"], "span"),
    (["power", "illumination", "--site", "shackleton-rim", "--from", "1700-01-01"], "--from"),
    (["power", "illumination", "--site", "shackleton-rim", "--step", "0s"], "--step"),
    (["power", "illumination", "--site", "shackleton-rim", "--step", "1s", "--to", "2040-01-01"], "--step: 3.16e+08"),
    (["power", "illumination", "--site", "shackleton-rim", "--plot", "afile/x.png"], "--plot"),
    (["power", "size", "--site", "nosuch", "--power", "10kW"], "site"),
    (["power", "size", "--site", "shackleton-rim", "--power", "-10kW"], "--power"),
    (["power", "size", "--site", "shackleton-rim", "--power", "nan"], "--power"),
    (["power", "size", "--site", "shackleton-rim", "--power", "10kW", "--years", "0"], "mission length"),
    (["power", "size", "--site", "shackleton-rim", "--power", "10kW", "--years", "1e9"], "mission length"),
    (["power", "size", "--site", "shackleton-rim", "--power", "10kW", "--lander", "nosuch"], "lander"),
    (["power", "trade", "--sites", "nosuch"], "site"),
    (["power", "trade", "--power", "10kW:200kW"], "--sites"),
    # --- station -----------------------------------------------------------------------------
    (["station", "decay", "nosuch"], "station"),
    (["station", "decay", "iss", "--from", "2031-01-01", "--to", "2026-01-01"], "--to"),
    (["station", "decay", "iss", "--from", "1700-01-01"], "--from: 1700-01-01 is outside the span of the decay model"),
    (["station", "decay", "iss", "--activity", "-5"], "--activity"),
    (["station", "decay", "iss", "--altitude", "nan"], "altitude"),
    (["station", "decay", "iss", "--method", "bogus"], "method"),
    (["station", "decay", "iss", "--plot", "afile/x.png"], "--plot"),
    (["station", "reboost", "iss", "--band", "420:400km"], "--band"),
    (["station", "reboost", "iss", "--band", "0:10km"], "band"),
    (["station", "reboost", "iss", "--years", "2030:2026"], "--years"),
    (["station", "reboost", "iss", "--years", "1800:1900"], "--years"),
    (["station", "reboost", "iss", "--vehicle", "nosuch"], "vehicle"),
    (["station", "reboost", "iss", "--plot", "afile/x.png"], "--plot"),
    (["station", "deorbit", "iss", "--vehicle", "nosuch"], "vehicle"),
    (["station", "deorbit", "iss", "--start-altitude", "-1"], "--start-altitude: got -1 km"),
    (["station", "deorbit", "iss", "--perigee", "500"], "perigee"),
    (["station", "deorbit", "iss", "--burns", "0"], "burns"),
    (["station", "deorbit", "iss", "--plot", "afile/x.png"], "--plot"),
    (["station", "reentry", "nosuch.tle"], "TLE_FILE"),
    (["station", "reentry", "afile"], "TLE_FILE"),
    (TG1 + ["--orbit", "2018-03-25"], "--orbit"),
    (TG1 + ["--orbit", "2018-03-25=208.1"], "--orbit"),
    (TG1 + ["--orbit", "2018-03-25=abcx224"], "--orbit"),
    (TG1 + ["--orbit", "2018-13-45=208x224"], "--orbit"),
    (TG1 + ["--orbit", "2018-03-25=240x224"], "apogee"),
    (TG1 + ["--orbit", "2018-03-25=90x224"], "perigee"),
    (TG1 + ["--orbit", "2018-03-25=208x224", "--orbit", "2018-03-25=209x225"], "time order"),
    (TG1 + ["--score", "2018-13-45"], "--score"),
    (TG1 + ["--score", "2010-01-01"], "--score"),
    (["station", "lifetime", "--alt", "800:200km"], "--alt"),
    (["station", "lifetime", "--alt", "100:200km"], "--alt"),
    (["station", "lifetime", "--alt", "200:800:0km"], "--alt"),
    (["station", "lifetime", "--bc", "0:100"], "--bc"),
    (["station", "lifetime", "--bc", "abc"], "--bc"),
    (["station", "lifetime", "--activity", "40"], "--activity"),
    (["station", "lifetime", "--inclination", "200"], "--inclination"),
    (["station", "lifetime", "--numerical-max-days", "-1"], "--numerical-max-days"),
    # --- exchange formats (--oem, --czml, export, viewer) -----------------------------------
    (["constellation", "export", "oneweb"], "--omm"),
    (["constellation", "export", "oneweb", "--omm", "x.yaml"], "--omm"),
    (["constellation", "export", "oneweb", "--omm", "afile/x.xml"], "--omm"),
    (["constellation", "export", "oneweb", "--tle", "x.tle", "--epoch", "2026-13-45"], "--epoch"),
    (["constellation", "export", "starlink_gen1", "--tle", "x.tle", "--first-number", "99000"], "--first-number"),
    (["constellation", "groundtrack", "oneweb", "--oem", "afile"], "--oem"),
    (["constellation", "groundtrack", "oneweb", "--czml", "x.kml"], "--czml"),
    (["station", "decay", "iss", "--oem", "afile/x.oem"], "--oem"),
    (["station", "decay", "iss", "--to", "2026-01-02", "--oem", "x.oem", "--oem-step", "90s"], "--oem-step"),
    (["station", "deorbit", "iss", "--czml", "x.kml"], "--czml"),
    (["viewer", "nosuch.czml", "--cesium", "x.tgz"], "SCENE"),
    (["viewer", "afile", "--cesium", "x.tgz"], "SCENE"),
    # --- usage errors (typer) ------------------------------------------------------------
    (["nosuchcommand"], "nosuchcommand"),
    (["constellation", "coverage"], "preset"),
    (COV + ["--min-sats", "many"], "--min-sats"),
]


def _tree(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def _ids():
    return [" ".join(argv)[:90] for argv, _ in CASES]


@pytest.mark.parametrize(("argv", "expected"), CASES, ids=_ids())
def test_bad_input_is_one_line_exit_2_and_writes_nothing(argv, expected, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SPACEPLAN_DEBUG", raising=False)
    (tmp_path / "afile").write_text("")
    (tmp_path / "adir").mkdir()
    (tmp_path / "adir.png").mkdir()
    before = _tree(tmp_path)
    monkeypatch.setattr(sys, "argv", ["spaceplan", *argv])
    with pytest.raises(SystemExit) as stop:
        main()
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert stop.value.code == 2, err
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ") and expected in lines[0], lines[0]
    assert "internal error" not in err and "Traceback" not in err
    assert out == ""
    assert _tree(tmp_path) == before


def test_sweep_covers_every_command():
    """Each command listed by ``spaceplan --help`` (and each sub-command) has cases in the table."""
    from typer.main import get_command

    from spaceplan.cli import app

    root = get_command(app)
    names = []
    for name, cmd in root.commands.items():
        sub = getattr(cmd, "commands", None)
        names += [f"{name} {s}" for s in sub] if sub else [name]
    covered = {" ".join(a[:2]) for a, _ in CASES} | {a[0] for a, _ in CASES}
    # listings without input to get wrong
    listing_only = {"constellation presets", "launch vehicles", "propulsion tem", "propulsion presets", "power sites",
                    "station presets", "presets"}
    missing = [n for n in names if n not in covered and n not in listing_only]
    assert not missing, f"commands without bad-input cases: {missing}"
