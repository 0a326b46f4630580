"""The organisation: municipalities, districts and every kind of institution."""
from __future__ import annotations

import numpy as np

from data.demo import content


class Org:
    """Municipalities, districts and institutions as parallel numpy arrays (index = id - 1)."""

    def __init__(self, rng: np.random.Generator):
        self.mun_codes = list(content.MUNICIPALITIES)
        self.districts: list[dict] = []
        inst: list[dict] = []
        self.mun_districts: dict[int, list[int]] = {}
        nr_counter = 0
        for m_idx, kode in enumerate(self.mun_codes):
            mun_name = content.MUNICIPALITIES[kode][0]
            d_ids = []
            schools_by_district: dict[int, list[int]] = {}
            for d_name, schools in content.DISTRICTS[kode].items():
                d_id = len(self.districts) + 1
                self.districts.append(dict(id=d_id, municipality_kode=kode, name=d_name))
                d_ids.append(d_id)
                schools_by_district[d_id] = []
                for raw in schools:
                    small = raw.endswith("*")
                    nr_counter += 1
                    inst.append(dict(name=raw.rstrip("*"), municipality_kode=kode, district_id=d_id,
                                     kind="skole", provision="almen", special_form=None,
                                     institutionsnummer=f"{280000 + m_idx * 1000 + nr_counter:06d}",
                                     small=small))
                    schools_by_district[d_id].append(len(inst))
            self.mun_districts[kode] = d_ids
            # special schools with their own number
            sp = content.SPECIAL_SCHOOLS[kode]
            for form in ("specialskole", "dagbehandling"):
                for name in sp[form]:
                    nr_counter += 1
                    inst.append(dict(name=name, municipality_kode=kode, district_id=int(rng.choice(d_ids)),
                                     kind="skole", provision="special", special_form=form,
                                     institutionsnummer=f"{280000 + m_idx * 1000 + nr_counter:06d}"))
            # mellemform and specialklasse units at the largest school of 1-2 districts
            n_units = 2 if len(schools_by_district) >= 4 and content.MUNICIPALITIES[kode][1] >= 280 else 1
            for form, pattern, offset in (("mellemform", "Mellemformen på {s}", 0),
                                          ("specialklasse", "Specialklasserne på {s}", 1)):
                for k in range(n_units + (1 if form == "mellemform" else 0)):
                    d_id = d_ids[(k + offset) % len(d_ids)]
                    host = inst[schools_by_district[d_id][0] - 1]["name"]
                    inst.append(dict(name=pattern.format(s=host), municipality_kode=kode, district_id=d_id,
                                     kind="skole", provision="special", special_form=form,
                                     institutionsnummer=None))
            for name in sp["specialdagtilbud"]:
                inst.append(dict(name=name, municipality_kode=kode, district_id=d_ids[0], kind="dagtilbud",
                                 provision="special", special_form="specialdagtilbud", institutionsnummer=None))
            n_dt = int(np.clip(round(content.MUNICIPALITIES[kode][1] / 30) + 2, 8, 15))
            names = rng.permutation(content.DAGTILBUD_NAMES)[:n_dt]
            for k, name in enumerate(names):
                inst.append(dict(name=str(name), municipality_kode=kode, district_id=d_ids[k % len(d_ids)],
                                 kind="dagtilbud", provision="almen", special_form=None, institutionsnummer=None))
            for k in range(int(rng.integers(2, 4))):
                d_id = d_ids[k % len(d_ids)]
                host = inst[schools_by_district[d_id][0] - 1]["name"]
                pattern = content.SFO_NAMES[1] if kode == 151 else content.SFO_NAMES[0]
                inst.append(dict(name=pattern.format(school=host), municipality_kode=kode, district_id=d_id,
                                 kind="sfo_bfo", provision="almen", special_form=None, institutionsnummer=None))
            for k in range(int(rng.integers(2, 5))):
                inst.append(dict(name=f"{content.KLUB_NAMES[k]} {mun_name}", municipality_kode=kode,
                                 district_id=d_ids[k % len(d_ids)], kind="klub", provision="almen",
                                 special_form=None, institutionsnummer=None))
            inst.append(dict(name=content.UNGDOMSSKOLE_NAME.format(municipality=mun_name), municipality_kode=kode,
                             district_id=d_ids[0], kind="ungdomsskole", provision="almen", special_form=None,
                             institutionsnummer=None))
        for i, row in enumerate(inst):
            row["id"] = i + 1
        self.inst = inst
        n = len(inst)
        self.i_mun = np.array([self.mun_codes.index(r["municipality_kode"]) for r in inst])
        self.i_district = np.array([r["district_id"] for r in inst])
        self.i_kind = np.array([r["kind"] for r in inst])
        self.i_form = np.array([r["special_form"] or "almen" for r in inst])
        self.i_small = np.array([r.get("small", False) for r in inst])
        self.n = n

    def ids(self, m_idx: int, kind: str, form: str) -> np.ndarray:
        return np.flatnonzero((self.i_mun == m_idx) & (self.i_kind == kind) & (self.i_form == form)) + 1
