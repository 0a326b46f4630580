"""The Indblik database schema: SQLAlchemy 2 Core metadata for every domain.

One module so that Alembic, the demo generator, the importers and the queries share one truth.
Conventions:
- codes are Danish where the domain is Danish (``almen``, ``specialklasse``, ``dreng``, ``pige``);
- a school year is stored as the calendar year it starts (``2023`` = "2023/24");
- dates are ``sa.Date`` (ISO text on SQLite), measures ``sa.Double`` (never ``sa.Float``);
- ``*_summary`` tables hold sufficient statistics (n, sum, sum of squares, band counts) kept in
  step with the raw rows by :mod:`data.derived`, so that pages never depend on respondent count.
"""
from __future__ import annotations

import sqlalchemy as sa

from data.metadata import metadata

GENDERS = ("dreng", "pige")
INSTITUTION_KINDS = ("dagtilbud", "skole", "sfo_bfo", "klub", "ungdomsskole")
PROVISIONS = ("almen", "special")
SPECIAL_FORMS = ("specialklasse", "specialskole", "dagbehandling", "mellemform", "specialdagtilbud")
PROVISION_FORMS = ("almen",) + SPECIAL_FORMS
TIMEPOINTS = ("foer", "efter", "opfoelgning")
GOAL_OUTCOMES = ("opnaaet", "delvist", "ikke")

# --- organisation -------------------------------------------------------------------------
municipality = sa.Table(
    "municipality", metadata,
    sa.Column("kode", sa.Integer, primary_key=True, autoincrement=False, comment="3-cifret kommunekode"),
    sa.Column("name", sa.String(80), nullable=False),
)

district = sa.Table(
    "district", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("municipality_kode", sa.Integer, sa.ForeignKey("municipality.kode"), nullable=False, index=True),
    sa.Column("name", sa.String(120), nullable=False),
    sa.UniqueConstraint("municipality_kode", "name", name="uq_district_name"),
)

institution = sa.Table(
    "institution", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("institutionsnummer", sa.String(6), nullable=True, unique=True),
    sa.Column("name", sa.String(160), nullable=False),
    sa.Column("municipality_kode", sa.Integer, sa.ForeignKey("municipality.kode"), nullable=False, index=True),
    sa.Column("district_id", sa.Integer, sa.ForeignKey("district.id"), nullable=True, index=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("provision", sa.String(10), nullable=False),
    sa.Column("special_form", sa.String(20), nullable=True),
    sa.CheckConstraint(f"kind IN {INSTITUTION_KINDS!r}", name="kind"),
    sa.CheckConstraint(f"provision IN {PROVISIONS!r}", name="provision"),
    sa.CheckConstraint(
        "(provision = 'almen' AND special_form IS NULL) OR "
        f"(provision = 'special' AND special_form IN {SPECIAL_FORMS!r})",
        name="special_form",
    ),
)

# Record keys for the cell-key method (queries.privacy): a fixed random integer in [0, 2^31) per
# respondent, child and forløb, drawn when the record is loaded; the summary tables keep their sums.
RECORD_KEY_SPACE = 2 ** 31

child = sa.Table(
    "child", metadata,
    sa.Column("id", sa.Integer, primary_key=True, comment="pseudonymt løbenummer, aldrig CPR"),
    sa.Column("birth_year", sa.Integer, nullable=False),
    sa.Column("gender", sa.String(5), nullable=False),
    sa.Column("record_key", sa.BigInteger, nullable=False,
              comment="fast tilfældig nøgle 0..2^31-1 til cellenøglemetoden (vises aldrig)"),
    sa.CheckConstraint(f"gender IN {GENDERS!r}", name="gender"),
)

# --- wellbeing surveys (anonymous: never linked to child) --------------------------------
survey_instrument = sa.Table(
    "survey_instrument", metadata,
    sa.Column("code", sa.String(30), primary_key=True),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("grade_from", sa.Integer, nullable=False),
    sa.Column("grade_to", sa.Integer, nullable=False),
    sa.Column("n_options", sa.Integer, nullable=False, comment="svarmuligheder pr. spørgsmål"),
)

survey_indicator = sa.Table(
    "survey_indicator", metadata,
    sa.Column("code", sa.String(30), primary_key=True),
    sa.Column("instrument_code", sa.String(30), sa.ForeignKey("survey_instrument.code"), nullable=False),
    sa.Column("name_da", sa.String(80), nullable=False),
    sa.Column("name_en", sa.String(80), nullable=False),
    sa.Column("sort_order", sa.Integer, nullable=False),
    sa.Column("n_items", sa.Integer, nullable=False),
)

survey_item = sa.Table(
    "survey_item", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("instrument_code", sa.String(30), sa.ForeignKey("survey_instrument.code"), nullable=False),
    sa.Column("item_no", sa.Integer, nullable=False),
    sa.Column("text_da", sa.String(300), nullable=False),
    sa.Column("text_en", sa.String(300), nullable=False),
    sa.Column("indicator_code", sa.String(30), sa.ForeignKey("survey_indicator.code"), nullable=True),
    sa.Column("options_da", sa.String(300), nullable=False, comment="svarmuligheder, '|'-separeret, fra værst til bedst"),
    sa.UniqueConstraint("instrument_code", "item_no", name="uq_survey_item_no"),
)

survey_round = sa.Table(
    "survey_round", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("instrument_code", sa.String(30), sa.ForeignKey("survey_instrument.code"), nullable=False),
    sa.Column("school_year", sa.Integer, nullable=False, comment="startår: 2023 = 2023/24"),
    sa.Column("municipality_kode", sa.Integer, sa.ForeignKey("municipality.kode"), nullable=False),
    sa.Column("import_batch_id", sa.Integer, sa.ForeignKey("import_batch.id"), nullable=True),
    sa.UniqueConstraint("instrument_code", "school_year", "municipality_kode", name="uq_survey_round"),
)

survey_response = sa.Table(
    "survey_response", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("round_id", sa.Integer, sa.ForeignKey("survey_round.id"), nullable=False, index=True),
    sa.Column("school_year", sa.Integer, nullable=False),
    sa.Column("institution_id", sa.Integer, sa.ForeignKey("institution.id"), nullable=False),
    sa.Column("klassetrin", sa.Integer, nullable=False),
    sa.Column("gender", sa.String(5), nullable=False),
    sa.Column("provision_form", sa.String(20), nullable=False, server_default="almen"),
    sa.Column("record_key", sa.BigInteger, nullable=False,
              comment="fast tilfældig nøgle 0..2^31-1 til cellenøglemetoden (vises aldrig)"),
    sa.CheckConstraint("klassetrin BETWEEN 0 AND 10", name="klassetrin"),
    sa.CheckConstraint(f"gender IN {GENDERS!r}", name="gender"),
    sa.CheckConstraint(f"provision_form IN {PROVISION_FORMS!r}", name="provision_form"),
)
sa.Index("ix_survey_response_filter", survey_response.c.school_year, survey_response.c.institution_id)

survey_answer = sa.Table(
    "survey_answer", metadata,
    sa.Column("item_id", sa.Integer, sa.ForeignKey("survey_item.id"), primary_key=True),
    sa.Column("response_id", sa.Integer, sa.ForeignKey("survey_response.id"), primary_key=True),
    sa.Column("value", sa.SmallInteger, nullable=False, comment="1..n_options, højest er bedst"),
    sqlite_with_rowid=False,
)
sa.Index("ix_survey_answer_response", survey_answer.c.response_id)  # replacing a round deletes by response (import)

survey_score = sa.Table(
    "survey_score", metadata,
    sa.Column("response_id", sa.Integer, sa.ForeignKey("survey_response.id"), primary_key=True),
    sa.Column("indicator_code", sa.String(30), sa.ForeignKey("survey_indicator.code"), primary_key=True),
    sa.Column("score", sa.Double, nullable=False),
    sqlite_with_rowid=False,
)

# Sufficient statistics per cell; rebuilt from survey_score by data.derived.
survey_summary = sa.Table(
    "survey_summary", metadata,
    sa.Column("school_year", sa.Integer, primary_key=True),
    sa.Column("institution_id", sa.Integer, sa.ForeignKey("institution.id"), primary_key=True),
    sa.Column("klassetrin", sa.Integer, primary_key=True),
    sa.Column("gender", sa.String(5), primary_key=True),
    sa.Column("provision_form", sa.String(20), primary_key=True),
    sa.Column("indicator_code", sa.String(30), primary_key=True),
    sa.Column("n", sa.Integer, nullable=False),
    sa.Column("sum_x", sa.Double, nullable=False),
    sa.Column("sum_x2", sa.Double, nullable=False),
    sa.Column("band1", sa.Integer, nullable=False, comment="1,0-2,0"),
    sa.Column("band2", sa.Integer, nullable=False, comment="2,1-3,0"),
    sa.Column("band3", sa.Integer, nullable=False, comment="3,1-4,0"),
    sa.Column("band4", sa.Integer, nullable=False, comment="4,1-5,0"),
    sa.Column("key_sum", sa.BigInteger, nullable=False, comment="Σ record_key (cellenøglemetoden)"),
    sa.Column("band1_key", sa.BigInteger, nullable=False, comment="Σ record_key i interval 1"),
    sa.Column("band2_key", sa.BigInteger, nullable=False, comment="Σ record_key i interval 2"),
    sa.Column("band3_key", sa.BigInteger, nullable=False, comment="Σ record_key i interval 3"),
    sa.Column("band4_key", sa.BigInteger, nullable=False, comment="Σ record_key i interval 4"),
)
# Covering index: the yearly trend and band queries read it without touching the table, also when an
# organisation filter or a role's scope asks for institution_id (migration 0005).
sa.Index("ix_survey_summary_indicator_year", survey_summary.c.indicator_code, survey_summary.c.school_year,
         survey_summary.c.institution_id, survey_summary.c.n, survey_summary.c.sum_x, survey_summary.c.sum_x2,
         survey_summary.c.key_sum, survey_summary.c.band1, survey_summary.c.band2, survey_summary.c.band3,
         survey_summary.c.band4, survey_summary.c.band1_key, survey_summary.c.band2_key, survey_summary.c.band3_key,
         survey_summary.c.band4_key)
sa.Index("ix_survey_summary_institution", survey_summary.c.institution_id, survey_summary.c.indicator_code,  # one
         survey_summary.c.school_year, survey_summary.c.n, survey_summary.c.sum_x, survey_summary.c.sum_x2,  # unit
         survey_summary.c.key_sum)  # or municipality: its schools searched, not the table scanned (0013)

benchmark = sa.Table(
    "benchmark", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String(20), nullable=False, comment="landstal | kommunetal"),
    sa.Column("measure_code", sa.String(40), nullable=False, comment="indikator- eller KPI-kode"),
    sa.Column("school_year", sa.Integer, nullable=False),
    sa.Column("municipality_kode", sa.Integer, sa.ForeignKey("municipality.kode"), nullable=True),
    sa.Column("value", sa.Double, nullable=False),
    sa.Column("source", sa.String(200), nullable=True),
    sa.Column("import_batch_id", sa.Integer, sa.ForeignKey("import_batch.id"), nullable=True),
    sa.UniqueConstraint("kind", "measure_code", "school_year", "municipality_kode", name="uq_benchmark"),
)

# --- placements (provision per child over time) ------------------------------------------
placement = sa.Table(
    "placement", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("child_id", sa.Integer, sa.ForeignKey("child.id"), nullable=False, index=True),
    sa.Column("institution_id", sa.Integer, sa.ForeignKey("institution.id"), nullable=False, index=True),
    sa.Column("provision_form", sa.String(20), nullable=False),
    sa.Column("start_date", sa.Date, nullable=False),
    sa.Column("end_date", sa.Date, nullable=True, comment="NULL = igangværende"),
    sa.CheckConstraint(f"provision_form IN {PROVISION_FORMS!r}", name="provision_form"),
    sa.CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates"),
)
# the newest placement start (queries.kpis.freshness, on every page's data line) without reading the table
sa.Index("ix_placement_start", placement.c.start_date)

# One row per child and school year: where the child was on the count date (data.derived).
placement_snapshot = sa.Table(
    "placement_snapshot", metadata,
    sa.Column("school_year", sa.Integer, primary_key=True),
    sa.Column("child_id", sa.Integer, sa.ForeignKey("child.id"), primary_key=True),
    sa.Column("institution_id", sa.Integer, sa.ForeignKey("institution.id"), nullable=False),
    sa.Column("provision_form", sa.String(20), nullable=False),
    sa.Column("klassetrin", sa.Integer, nullable=True),
    sa.Column("gender", sa.String(5), nullable=False),
)
sa.Index("ix_placement_snapshot_inst", placement_snapshot.c.institution_id, placement_snapshot.c.school_year)

# --- interventions and their effect ------------------------------------------------------
instrument = sa.Table(
    "instrument", metadata,
    sa.Column("code", sa.String(30), primary_key=True),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("min_score", sa.Double, nullable=False),
    sa.Column("max_score", sa.Double, nullable=False),
    sa.Column("higher_is_better", sa.Boolean, nullable=False),
    sa.Column("cutoff", sa.Double, nullable=True, comment="klinisk grænse; se cutoff_note"),
    sa.Column("cutoff_note", sa.String(200), nullable=True),
    sa.Column("reliability", sa.Double, nullable=True, comment="fx Cronbachs alfa / test-retest"),
    sa.Column("reference_sd", sa.Double, nullable=True),
)

intervention = sa.Table(
    "intervention", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(160), nullable=False),
    sa.Column("method", sa.String(60), nullable=False, comment="LØFT, Signs of Safety, mellemform, ..."),
    sa.Column("municipality_kode", sa.Integer, sa.ForeignKey("municipality.kode"), nullable=False),
    sa.Column("institution_id", sa.Integer, sa.ForeignKey("institution.id"), nullable=True),
    sa.Column("instrument_code", sa.String(30), sa.ForeignKey("instrument.code"), nullable=True,
              comment="primært effektmål"),
)

participation = sa.Table(
    "participation", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("intervention_id", sa.Integer, sa.ForeignKey("intervention.id"), nullable=False, index=True),
    sa.Column("child_id", sa.Integer, sa.ForeignKey("child.id"), nullable=False, index=True),
    sa.Column("start_date", sa.Date, nullable=False),
    sa.Column("end_date", sa.Date, nullable=True),
    sa.Column("record_key", sa.BigInteger, nullable=False,
              comment="fast tilfældig nøgle 0..2^31-1 til cellenøglemetoden (vises aldrig)"),
)

measurement = sa.Table(
    "measurement", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("participation_id", sa.Integer, sa.ForeignKey("participation.id"), nullable=False, index=True),
    sa.Column("instrument_code", sa.String(30), sa.ForeignKey("instrument.code"), nullable=False),
    sa.Column("timepoint", sa.String(12), nullable=False),
    sa.Column("informant", sa.String(12), nullable=True, comment="forælder | lærer | barn | fagperson"),
    sa.Column("measured_on", sa.Date, nullable=False),
    sa.Column("score", sa.Double, nullable=False),
    sa.CheckConstraint(f"timepoint IN {TIMEPOINTS!r}", name="timepoint"),
)

goal = sa.Table(
    "goal", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("participation_id", sa.Integer, sa.ForeignKey("participation.id"), nullable=False, index=True),
    sa.Column("description", sa.String(300), nullable=False),
    sa.Column("weight", sa.Double, nullable=False, server_default="1"),
    sa.Column("gas_score", sa.Integer, nullable=True, comment="-2..+2"),
    sa.Column("outcome", sa.String(10), nullable=True, comment="opnaaet | delvist | ikke"),
    sa.CheckConstraint("gas_score IS NULL OR gas_score BETWEEN -2 AND 2", name="gas"),
    sa.CheckConstraint(f"outcome IS NULL OR outcome IN {GOAL_OUTCOMES!r}", name="outcome"),
)
# Effekt (queries/effekt_base.py): covering indexes for the per-forløb aggregates, so a forløb's
# measurements of one instrument and its goals are read from the index without touching the table.
sa.Index("ix_measurement_forloeb", measurement.c.participation_id, measurement.c.instrument_code,
         measurement.c.timepoint, measurement.c.score)
sa.Index("ix_goal_forloeb", goal.c.participation_id, goal.c.gas_score, goal.c.weight, goal.c.outcome)

# --- pejlemærker --------------------------------------------------------------------------
target = sa.Table(
    "target", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("municipality_kode", sa.Integer, sa.ForeignKey("municipality.kode"), nullable=False),
    sa.Column("area", sa.String(40), nullable=False, comment="dagtilbud | skole | bfo | klub | social"),
    sa.Column("kpi_code", sa.String(40), nullable=False),
    sa.Column("title", sa.String(300), nullable=False),
    sa.Column("target_value", sa.Double, nullable=False),
    sa.Column("direction", sa.String(6), nullable=False, comment="higher | lower"),
    sa.Column("school_year", sa.Integer, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("created_by", sa.String(120), nullable=True),
    sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True, comment="NULL = gældende"),
    sa.Column("retired_by", sa.String(120), nullable=True),
    sa.Column("replaces_id", sa.Integer, nullable=True, comment="det pejlemærke, denne række afløser (historik)"),
    sa.CheckConstraint("direction IN ('higher', 'lower')", name="direction"),
)

# --- audit --------------------------------------------------------------------------------
import_batch = sa.Table(
    "import_batch", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("file_name", sa.String(260), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("rows", sa.Integer, nullable=False),
    sa.Column("imported_by", sa.String(120), nullable=False),
    sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("outcome", sa.String(20), nullable=False, comment="ok | afvist | uændret"),
    sa.Column("message", sa.Text, nullable=True),
    sa.Column("covers_from", sa.Date, nullable=True,
              comment="posterne er fuldstændige fra denne dato (fx første tælledag)"),
)
sa.Index("ix_import_batch_sha", import_batch.c.kind, import_batch.c.sha256)

# --- overgange: summary tables of counts, kept in step with placement_snapshot (data.derived) ----
# Pupils = snapshot rows at an institution of kind 'skole'. "Segregated" = any provision form
# other than 'almen'. Pages read only these, so they do not depend on the number of children.
pupil_summary = sa.Table(
    "pupil_summary", metadata,
    sa.Column("school_year", sa.Integer, nullable=False),
    sa.Column("institution_id", sa.Integer, sa.ForeignKey("institution.id"), nullable=False),
    sa.Column("ref_institution_id", sa.Integer, sa.ForeignKey("institution.id"), nullable=True,
              comment="almen: egen skole; segregeret: seneste almenskole i kommunen (NULL = ingen)"),
    sa.Column("klassetrin", sa.Integer, nullable=True),
    sa.Column("gender", sa.String(5), nullable=False),
    sa.Column("provision_form", sa.String(20), nullable=False),
    sa.Column("n", sa.Integer, nullable=False),
    sa.Column("key_sum", sa.BigInteger, nullable=False, comment="Σ record_key (cellenøglemetoden)"),
)
sa.Index("ix_pupil_summary_year", pupil_summary.c.school_year, pupil_summary.c.institution_id)

transition_summary = sa.Table(
    "transition_summary", metadata,
    sa.Column("school_year", sa.Integer, nullable=False, comment="året der skiftes TIL (tælledag)"),
    sa.Column("municipality_kode", sa.Integer, sa.ForeignKey("municipality.kode"), nullable=False),
    sa.Column("from_institution_id", sa.Integer, sa.ForeignKey("institution.id"), nullable=True,
              comment="NULL = ind i kommunen"),
    sa.Column("to_institution_id", sa.Integer, sa.ForeignKey("institution.id"), nullable=True,
              comment="NULL = ud af kommunen"),
    sa.Column("from_home_institution_id", sa.Integer, nullable=True,
              comment="barnets almenskole sidste år (segregeret: seneste almenskole)"),
    sa.Column("from_form", sa.String(20), nullable=False, comment="tilbudsform sidste år eller 'ind'"),
    sa.Column("to_form", sa.String(20), nullable=False, comment="tilbudsform i år eller 'ud'"),
    sa.Column("klassetrin", sa.Integer, nullable=False, comment="klassetrin i år (1-9)"),
    sa.Column("gender", sa.String(5), nullable=False),
    sa.Column("n", sa.Integer, nullable=False),
    sa.Column("key_sum", sa.BigInteger, nullable=False, comment="Σ record_key (cellenøglemetoden)"),
)
sa.Index("ix_transition_summary_year", transition_summary.c.school_year)
sa.Index("ix_transition_summary_home", transition_summary.c.from_home_institution_id, transition_summary.c.school_year)

# One row per child in an ordinary class last year (1.-9. klasse this year): the school it left and
# whether it is in special provision this year. The sending funnel counts each child once per school
# over a range of years, which the counts above cannot (data.derived.refresh_overgange).
sending_child = sa.Table(
    "sending_child", metadata,
    sa.Column("school_year", sa.Integer, nullable=False, comment="året der skiftes TIL"),
    sa.Column("from_institution_id", sa.Integer, nullable=False, comment="almenskolen sidste år"),
    sa.Column("child_id", sa.Integer, nullable=False),
    sa.Column("klassetrin", sa.Integer, nullable=False, comment="klassetrin i år (1-9)"),
    sa.Column("gender", sa.String(5), nullable=False),
    sa.Column("sent", sa.SmallInteger, nullable=False, comment="1 = i specialtilbud i år"),
    sa.Column("record_key", sa.BigInteger, nullable=False, comment="barnets record_key (cellenøglemetoden)"),
)
sa.Index("ix_sending_child_year", sending_child.c.school_year, sending_child.c.from_institution_id,
         sending_child.c.child_id, sending_child.c.sent, sending_child.c.record_key)
sa.Index("ix_sending_child_school", *(sending_child.c[c] for c in ("from_institution_id", "child_id", "sent", "record_key",
                                                                   "school_year", "klassetrin", "gender")))

return_summary = sa.Table(
    "return_summary", metadata,
    sa.Column("entry_year", sa.Integer, nullable=False, comment="første år i specialtilbud (tilgang)"),
    sa.Column("municipality_kode", sa.Integer, sa.ForeignKey("municipality.kode"), nullable=False),
    sa.Column("from_institution_id", sa.Integer, sa.ForeignKey("institution.id"), nullable=False,
              comment="almenskolen sidste år"),
    sa.Column("to_institution_id", sa.Integer, sa.ForeignKey("institution.id"), nullable=False,
              comment="specialtilbuddet ved indgang"),
    sa.Column("entry_form", sa.String(20), nullable=False),
    sa.Column("klassetrin", sa.Integer, nullable=False, comment="klassetrin ved indgang"),
    sa.Column("gender", sa.String(5), nullable=False),
    sa.Column("duration", sa.Integer, nullable=False, comment="år fra indgang til tilbage i almen / censurering"),
    sa.Column("returned", sa.Integer, nullable=False, comment="1 = tilbage i almen klasse, 0 = censureret"),
    sa.Column("n", sa.Integer, nullable=False),
    sa.Column("key_sum", sa.BigInteger, nullable=False, comment="Σ record_key (cellenøglemetoden)"),
)
sa.Index("ix_return_summary_year", return_summary.c.entry_year)

school_start_summary = sa.Table(
    "school_start_summary", metadata,
    sa.Column("school_year", sa.Integer, nullable=False),
    sa.Column("institution_id", sa.Integer, sa.ForeignKey("institution.id"), nullable=False),
    sa.Column("provision_form", sa.String(20), nullable=False),
    sa.Column("prior", sa.String(20), nullable=False,
              comment="almen_dagtilbud | specialdagtilbud | andet (på tælledagen året før)"),
    sa.Column("gender", sa.String(5), nullable=False),
    sa.Column("n", sa.Integer, nullable=False),
    sa.Column("key_sum", sa.BigInteger, nullable=False, comment="Σ record_key (cellenøglemetoden)"),
)
sa.Index("ix_school_start_summary_year", school_start_summary.c.school_year)

# --- effekt: one row per forløb, kept in step with participation/measurement/goal (data.derived) --
# The Effekt page reads only this table: the population filters (institution, start school year,
# klassetrin, gender, tilbudsform) are resolved once per forløb instead of in every statement.
forloeb_summary = sa.Table(
    "forloeb_summary", metadata,
    sa.Column("participation_id", sa.Integer, sa.ForeignKey("participation.id"), primary_key=True),
    sa.Column("child_id", sa.Integer, sa.ForeignKey("child.id"), nullable=False),
    sa.Column("intervention_id", sa.Integer, sa.ForeignKey("intervention.id"), nullable=False),
    sa.Column("institution_id", sa.Integer, sa.ForeignKey("institution.id"), nullable=True,
              comment="indsatsens institution, ellers barnets på tælledagen i startskoleåret"),
    sa.Column("start_year", sa.Integer, nullable=False, comment="startskoleår (skoleår begynder 1. august)"),
    sa.Column("klassetrin", sa.Integer, nullable=True),
    sa.Column("gender", sa.String(5), nullable=False),
    sa.Column("provision_form", sa.String(20), nullable=True),
    sa.Column("ended", sa.Boolean, nullable=False, comment="forløbet har en slutdato"),
    sa.Column("instrument_code", sa.String(30), nullable=True, comment="indsatsens primære effektmål"),
    sa.Column("gas", sa.Boolean, nullable=False, comment="indsatsen har mindst ét GAS-scoret mål"),
    sa.Column("n_pre", sa.Integer, nullable=False, comment="før-målinger af indsatsens effektmål"),
    sa.Column("n_post", sa.Integer, nullable=False, comment="efter-målinger af indsatsens effektmål"),
    sa.Column("pre", sa.Double, nullable=True, comment="gennemsnit af før-målingerne"),
    sa.Column("post", sa.Double, nullable=True, comment="gennemsnit af efter-målingerne"),
    sa.Column("n_goals", sa.Integer, nullable=False),  # and by scale: the goals at each GAS level; without a GAS score, by outcome
    *(sa.Column(f"n_{k}", sa.Integer, nullable=False, server_default="0") for k in ("gas_plus2", "gas_plus1", "gas_0",
                                                                                   "gas_minus1", "gas_minus2")),
    *(sa.Column(f"n_{k}", sa.Integer, nullable=False) for k in ("opnaaet", "delvist", "ikke")),
    sa.Column("n_gas", sa.Integer, nullable=False, comment="GAS-scorede mål"),
    sa.Column("sw", sa.Double, nullable=False, comment="Σ vægt over GAS-scorede mål"),
    sa.Column("sw2", sa.Double, nullable=False, comment="Σ vægt²"),
    sa.Column("swx", sa.Double, nullable=False, comment="Σ vægt·GAS-score"),
    sa.Column("forloeb_key", sa.BigInteger, nullable=False, comment="forløbets record_key"),
    sa.Column("child_key", sa.BigInteger, nullable=False, comment="barnets record_key"),
)
sa.Index("ix_forloeb_summary_instrument", forloeb_summary.c.instrument_code, forloeb_summary.c.start_year)
sa.Index("ix_forloeb_summary_institution", forloeb_summary.c.institution_id, forloeb_summary.c.start_year)

# the access, meeting and item-answer tables share the metadata (kept in their own modules)
from data.schema_access import app_user, app_user_institution, audit_event, saved_view  # noqa: E402,F401
from data.schema_meeting import meeting, meeting_slide  # noqa: E402,F401
from data.schema_items import survey_item_summary  # noqa: E402,F401
from data.schema_rollup import (moved_summary, pupil_year_summary, sending_school_summary,  # noqa: E402,F401
                                survey_item_year_summary, survey_year_summary)
