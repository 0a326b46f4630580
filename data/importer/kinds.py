"""One spec per kind of file: its Danish columns, natural key and pandera schema.

A cell is first parsed from its Danish text (:mod:`data.importer.read`) into a typed frame; cells
that cannot be parsed become problems. The typed frame is then validated whole with pandera (lazy:
every failure, not the first), and each failure case becomes a problem naming the row and column.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa

from data import schema as s
from data.importer import read
from data.importer.read import Problem

AREAS = ("dagtilbud", "skole", "bfo", "klub", "social")
INFORMANTS = ("forælder", "lærer", "barn", "fagperson")
DIRECTIONS = {"higher": "higher", "lower": "lower", "højere": "higher", "lavere": "lower"}
CHILD_ID_NAMES = ("barn_id", "barnid", "child_id", "cpr", "cpr_nr", "cprnr", "cpr-nummer", "cpr_nummer",
                  "personnummer", "elev_id", "elevid", "elevnummer", "unilogin", "navn", "elevnavn")
MAX_ID = 2 ** 31 - 1


@dataclass(frozen=True)
class Col:
    """A column of a kind: its Danish name, whether it must be there, its type, what it means and
    two example values; choices / range / pattern / max length are checked by the schema."""

    name: str
    required: bool
    type: str  # text | int | number | date | year
    description_da: str
    examples: tuple[str, str]
    choices: tuple[str, ...] | None = None
    lo: float | None = None
    hi: float | None = None
    pattern: str | None = None
    maxlen: int | None = None


@dataclass(frozen=True)
class Kind:
    name: str
    title_da: str
    title_en: str
    specs: tuple[Col, ...]
    key: tuple[str, ...]
    row_checks: tuple[tuple[Callable[[pd.DataFrame], pd.Series], str], ...] = ()
    anonymous: bool = False  # no column may name a child
    extra_prefix: str | None = None  # columns like spm_1, spm_2 (the survey's items)

    @property
    def columns(self) -> list[tuple[str, bool, str]]:
        return [(c.name, c.required, c.description_da) for c in self.specs]

    def spec(self, name: str) -> Col | None:
        return next((c for c in self.specs if c.name == name), None)

    def schema(self, extra: dict[str, pa.Column] | None = None) -> pa.DataFrameSchema:
        cols = {c.name: pa.Column(checks=_checks(c), nullable=not c.required, required=False) for c in self.specs}
        cols.update(extra or {})
        checks = [pa.Check(fn, error=msg) for fn, msg in self.row_checks]
        return pa.DataFrameSchema(cols, checks=checks, unique=list(self.key), report_duplicates="all")


def _checks(c: Col) -> list[pa.Check]:
    out = []
    if c.choices:
        out.append(pa.Check.isin(list(c.choices), error=f"er ikke {_or(c.choices)}"))
    if c.lo is not None and c.hi is not None:
        lo, hi = (int(c.lo), int(c.hi)) if c.type != "number" else (c.lo, c.hi)
        out.append(pa.Check.in_range(lo, hi, error=f"skal ligge mellem {_num(lo)} og {_num(hi)}"))
    if c.pattern:
        out.append(pa.Check.str_matches(c.pattern, error="skal være 6 cifre"))
    if c.maxlen:
        out.append(pa.Check.str_length(max_value=c.maxlen, error=f"er længere end {c.maxlen} tegn"))
    return out


def _or(choices) -> str:
    quoted = [f"'{c}'" for c in choices]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " eller " + quoted[-1]


def _num(v) -> str:
    if isinstance(v, int):
        return f"{v:,}".replace(",", ".")
    return f"{v:g}".replace(".", ",")


INST_NR = dict(pattern=r"^\d{6}$")
YEAR = dict(lo=2000, hi=2100)


def _c(name, required, type_, text, ex, **kw) -> Col:
    return Col(name, required, type_, text, ex, **kw)


def _ends_after_start(df: pd.DataFrame) -> pd.Series:
    if "slutdato" not in df or "startdato" not in df:
        return pd.Series(True, index=df.index)
    return df["slutdato"].isna() | df["startdato"].isna() | (df["slutdato"].fillna(df["startdato"]) >= df["startdato"])


def _special_form(df: pd.DataFrame) -> pd.Series:
    form = df.get("specialform", pd.Series(None, index=df.index, dtype=object))
    special = df["tilbud"] == "special"
    return (special & form.notna()) | (~special & form.isna()) | df["tilbud"].isna()


def _municipality_for_kommunetal(df: pd.DataFrame) -> pd.Series:
    kode = df.get("kommunekode", pd.Series(pd.NA, index=df.index, dtype="Int64"))
    return ((df["type"] == "kommunetal") & kode.notna()) | ((df["type"] == "landstal") & kode.isna()) | df["type"].isna()


PARTICIPATION = (
    _c("kommunekode", True, "int", "indsatsens kommune (3 cifre)", ("530", "530"), lo=101, hi=999),
    _c("indsats", True, "text", "indsatsens navn, som i filen med indsatser", ("LØFT Nord", "LØFT Nord"), maxlen=160),
    _c("barn_id", True, "int", "barnets pseudonyme id", ("1001", "1002"), lo=1, hi=MAX_ID),
    _c("startdato", True, "date", "forløbets startdato", ("01-09-2024", "2024-10-15")),
)

KINDS_LIST = [
    Kind("institutioner", "Institutioner", "Institutions", (
        _c("institutionsnummer", True, "text", "6-cifret institutionsnummer", ("280101", "280102"), **INST_NR),
        _c("navn", True, "text", "institutionens navn", ("Nordskolen", "Specialskolen Åen"), maxlen=160),
        _c("kommunekode", True, "int", "3-cifret kommunekode", ("530", "530"), lo=101, hi=999),
        _c("kommune", False, "text", "kommunens navn (skal udfyldes, når kommunen er ny)", ("Billund", "Billund"),
           maxlen=80),
        _c("distrikt", False, "text", "distriktets navn (oprettes, hvis det er nyt)", ("Nord", "Nord"), maxlen=120),
        _c("type", True, "text", "dagtilbud, skole, sfo_bfo, klub eller ungdomsskole", ("skole", "skole"),
           choices=s.INSTITUTION_KINDS),
        _c("tilbud", True, "text", "almen eller special", ("almen", "special"), choices=s.PROVISIONS),
        _c("specialform", False, "text", "for special: specialklasse, specialskole, dagbehandling, mellemform "
           "eller specialdagtilbud", ("", "specialskole"), choices=s.SPECIAL_FORMS),
    ), key=("institutionsnummer",),
        row_checks=((_special_form, "specialform skal udfyldes for 'special' og være tom for 'almen'"),)),
    Kind("boern", "Børn", "Children", (
        _c("barn_id", True, "int", "pseudonymt id (et heltal, aldrig CPR-nummer)", ("1001", "1002"), lo=1, hi=MAX_ID),
        _c("foedselsaar", True, "int", "fødselsår", ("2014", "2015"), lo=1990, hi=2035),
        _c("koen", True, "text", "dreng eller pige", ("dreng", "pige"), choices=s.GENDERS),
    ), key=("barn_id",)),
    Kind("placeringer", "Placeringer", "Placements", (
        _c("barn_id", True, "int", "barnets pseudonyme id", ("1001", "1002"), lo=1, hi=MAX_ID),
        _c("institutionsnummer", True, "text", "institutionens 6-cifrede nummer", ("280101", "280102"), **INST_NR),
        _c("tilbudsform", True, "text", "almen, specialklasse, specialskole, dagbehandling, mellemform eller "
           "specialdagtilbud", ("almen", "specialskole"), choices=s.PROVISION_FORMS),
        _c("startdato", True, "date", "første dag i placeringen", ("01-08-2021", "2023-01-09")),
        _c("slutdato", False, "date", "sidste dag (tom = igangværende)", ("30-06-2024", "")),
    ), key=("barn_id", "institutionsnummer", "startdato"),
        row_checks=((_ends_after_start, "slutdato ligger før startdato"),)),
    Kind("trivsel", "Trivselsmåling (besvarelser)", "Wellbeing survey (responses)", (
        _c("besvarelse", True, "int", "løbenummer for besvarelsen i filen (anonymt, aldrig et barns id)",
           ("1", "2"), lo=1, hi=MAX_ID),
        _c("institutionsnummer", True, "text", "skolens 6-cifrede nummer", ("280101", "280101"), **INST_NR),
        _c("skoleaar", True, "year", "skoleår, fx 2024/25", ("2024/25", "2024/25"), **YEAR),
        _c("klassetrin", True, "int", "klassetrin 0-10", ("5", "5"), lo=0, hi=10),
        _c("koen", True, "text", "dreng eller pige", ("dreng", "pige"), choices=s.GENDERS),
        _c("tilbudsform", False, "text", "almen (standard) eller en specialform", ("almen", "almen"),
           choices=s.PROVISION_FORMS),
        _c("instrument", False, "text", "måling: trivsel_4_9 eller trivsel_0_3 (tom: ud fra klassetrin)",
           ("trivsel_4_9", "trivsel_4_9"), maxlen=30),
    ), key=("besvarelse",), anonymous=True, extra_prefix="spm_"),
    Kind("landstal", "Landstal og kommunetal", "Benchmarks", (
        _c("type", True, "text", "landstal eller kommunetal", ("landstal", "kommunetal"),
           choices=("landstal", "kommunetal")),
        _c("maal", True, "text", "indikatorens eller nøgletallets kode (eller indikatorens navn)",
           ("social_trivsel", "Social trivsel"), maxlen=40),
        _c("skoleaar", True, "year", "skoleår, fx 2024/25", ("2024/25", "2024/2025"), **YEAR),
        _c("kommunekode", False, "int", "kommunekode (kun for kommunetal)", ("", "530"), lo=101, hi=999),
        _c("vaerdi", True, "number", "tallet, fx 3,9 eller 87,5 % (= 0,875)", ("3,9", "4,02")),
        _c("kilde", False, "text", "hvor tallet kommer fra", ("uddannelsesstatistik.dk", ""), maxlen=200),
    ), key=("type", "maal", "skoleaar", "kommunekode"), anonymous=True,
        row_checks=((_municipality_for_kommunetal, "kommunekode skal udfyldes for kommunetal og være tom for "
                     "landstal"),)),
    Kind("indsatser", "Indsatser", "Interventions", (
        _c("kommunekode", True, "int", "3-cifret kommunekode", ("530", "530"), lo=101, hi=999),
        _c("navn", True, "text", "indsatsens navn (entydigt i kommunen)", ("LØFT Nord", "Forældrekursus"), maxlen=160),
        _c("metode", True, "text", "metode, fx LØFT, Signs of Safety, mellemform", ("LØFT", "forældrekursus"),
           maxlen=60),
        _c("institutionsnummer", False, "text", "institution der driver indsatsen", ("", "280101"), **INST_NR),
        _c("effektmaal", False, "text", "primært effektmål: sdq_total, ors, sos_skala, …", ("sdq_total", "ors"),
           maxlen=30),
    ), key=("kommunekode", "navn")),
    Kind("deltagelser", "Deltagelser (forløb)", "Participations", PARTICIPATION + (
        _c("slutdato", False, "date", "forløbets slutdato (tom = igangværende)", ("15-03-2025", "")),
    ), key=("kommunekode", "indsats", "barn_id", "startdato"),
        row_checks=((_ends_after_start, "slutdato ligger før startdato"),)),
    Kind("maalinger", "Målinger", "Measurements", PARTICIPATION + (
        _c("instrument", True, "text", "måleredskab: sdq_total, ors, sos_skala, …", ("sdq_total", "sdq_total"),
           maxlen=30),
        _c("tidspunkt", True, "text", "foer, efter eller opfoelgning", ("foer", "efter"), choices=s.TIMEPOINTS),
        _c("informant", False, "text", "forælder, lærer, barn eller fagperson", ("forælder", "forælder"),
           choices=INFORMANTS),
        _c("dato", True, "date", "målingens dato", ("05-09-2024", "10-03-2025")),
        _c("score", True, "number", "scoren på instrumentets skala", ("18", "12,5")),
    ), key=("kommunekode", "indsats", "barn_id", "startdato", "instrument", "tidspunkt", "informant", "dato")),
    Kind("maal", "Mål (GAS)", "Goals (GAS)", PARTICIPATION + (
        _c("beskrivelse", True, "text", "målets tekst (entydigt i forløbet)", ("Deltager i frikvarteret",
                                                                              "Møder til tiden"), maxlen=300),
        _c("vaegt", False, "number", "vægt (standard 1)", ("1", "2"), lo=0.0001, hi=100.0),
        _c("gas", False, "int", "GAS-score -2..+2", ("0", "-1"), lo=-2, hi=2),
        _c("udfald", False, "text", "opnaaet, delvist eller ikke", ("opnaaet", ""), choices=s.GOAL_OUTCOMES),
    ), key=("kommunekode", "indsats", "barn_id", "startdato", "beskrivelse")),
    Kind("pejlemaerker", "Pejlemærker", "Targets", (
        _c("kommunekode", True, "int", "3-cifret kommunekode", ("530", "530"), lo=101, hi=999),
        _c("omraade", True, "text", "dagtilbud, skole, bfo, klub eller social", ("skole", "skole"), choices=AREAS),
        _c("noegletal", True, "text", "nøgletallets kode i kataloget", ("inklusionsgrad", "social_trivsel"),
           maxlen=40),
        _c("titel", True, "text", "pejlemærket i klar tekst", ("Flere elever i almenklassen",
                                                              "Eleverne trives socialt"), maxlen=300),
        _c("skoleaar", True, "year", "skoleår, fx 2025/26", ("2025/26", "2025/26"), **YEAR),
        _c("maal", True, "number", "målværdien, fx 96 % eller 4,1", ("96 %", "4,1")),
        _c("retning", True, "text", "højere eller lavere (er bedre)", ("højere", "højere"),
           choices=tuple(DIRECTIONS)),
    ), key=("kommunekode", "omraade", "noegletal", "skoleaar")),
]
KINDS: dict[str, Kind] = {k.name: k for k in KINDS_LIST}

PARSERS = {"int": read.integer, "number": read.number, "date": read.date, "year": read.school_year}
WHAT = {"int": "er ikke et helt tal", "number": "er ikke et tal", "date": "er ikke en dato (dd-mm-åååå eller "
        "åååå-mm-dd)", "year": "er ikke et skoleår (fx 2024/25)"}
DTYPES = {"int": "Int64", "year": "Int64", "number": "Float64", "date": object, "text": object}


def parse_column(values: pd.Series, type_: str, file: str, column: str) -> tuple[pd.Series, list[Problem]]:
    """Parse a column of strings (empty = missing); parse each distinct value once."""
    if type_ == "text":
        return pd.Series([None if v == "" else v for v in values], index=values.index, dtype=object), []
    parser = PARSERS[type_]
    uniques = pd.unique(values)
    mapping = {u: (None if u == "" else parser(u)) for u in uniques}
    parsed = values.map(mapping)
    bad = values.ne("") & parsed.isna()
    problems = [Problem(file, int(i), column, values[i], WHAT[type_]) for i in values.index[bad]]
    if DTYPES[type_] is object:
        return pd.Series([None if v is None else v for v in parsed], index=values.index, dtype=object), problems
    return parsed.astype(DTYPES[type_]), problems


def failures(err: pa.errors.SchemaErrors, frame_text: pd.DataFrame, file: str, key: tuple[str, ...]) -> list[Problem]:
    """pandera's failure cases as problems (one per row for a duplicated key)."""
    out: list[Problem] = []
    dup_rows: set[int] = set()
    for fc in err.failure_cases.itertuples(index=False):
        row = None if pd.isna(fc.index) else int(fc.index)
        column = None if fc.column is None or pd.isna(fc.column) else str(fc.column)
        check = str(fc.check)
        if check.startswith("multiple_fields_uniqueness") or check.startswith("field_uniqueness"):
            if row is not None and row not in dup_rows:
                dup_rows.add(row)
                out.append(Problem(file, row, None, None, f"nøglen ({', '.join(key)}) står mere end én gang i filen"))
            continue
        value = None
        if row is not None and column is not None and column in frame_text and row in frame_text.index:
            value = str(frame_text.at[row, column])
        if check == "not_nullable":
            out.append(Problem(file, row, column, None, "mangler (skal udfyldes)"))
        elif column is None or fc.schema_context == "DataFrameSchema":
            out.append(Problem(file, row, None, None, check))
        else:
            out.append(Problem(file, row, column, value, check))
    return out


@dataclass
class Parsed:
    frame: pd.DataFrame  # typed, index = file row
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def looks_like(columns: list[str], except_kind: str) -> str | None:
    """The kind whose required columns a header has (for a file given as the wrong kind)."""
    cols = set(columns)
    for k in KINDS_LIST:
        if k.name != except_kind and {c.name for c in k.specs if c.required} <= cols:
            return k.name
    if {"indikator", "skoleår"} <= cols and except_kind != "landstal":
        return "landstal"
    return None
