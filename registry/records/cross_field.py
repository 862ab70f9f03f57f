"""Checks across the fields of imported rows (after each field was parsed).

Mixed into the row validator of :mod:`registry.records.validation`: it relies on the
validator's ``records`` frame, ``empty`` masks and ``error``/``warn`` methods.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from registry.kernel.errors import Expected
from registry.kernel.vocabulary import OPERATORS, PointKind
from registry.records import messages as msg
from registry.records.values import (
    ROOFTOP_STRUCTURES,
    TECHNOLOGY_START_YEAR,
)


class CrossFieldChecks:
    """Rules that involve more than one field of a row, or several rows."""

    def check_site_rules(self) -> None:
        self._check_duplicate_sites()
        self._check_co_located()
        self._check_order("radiation_cert_date", "radiation_cert_expiry")
        self._check_technology_dates()
        rooftop = self.values["structure_type"].isin(list(ROOFTOP_STRUCTURES))
        has_building = np.isfinite(self.values["building_height_m"])
        self.warn(
            np.flatnonzero(has_building & ~rooftop.to_numpy()),
            "building_height_m",
            msg.BUILDING_HEIGHT(),
        )

    def check_point_rules(self) -> None:
        self._check_order("certificate_issued_on", "certificate_expires_on")
        game = (self.values["kind"] == PointKind.GAME_POINT).to_numpy()
        uncertified = game & self.values["certificate_number"].isna().to_numpy()
        self.warn(
            np.flatnonzero(uncertified),
            "certificate_number",
            msg.NO_CERTIFICATE(),
        )

    def _check_duplicate_sites(self) -> None:
        keys = pd.DataFrame(
            {"network": self.values["network_code"], "code": self.values["site_code"]}
        )
        complete = keys.notna().all(axis=1)
        duplicated = keys.duplicated(keep=False) & complete
        if not duplicated.any():
            return
        first_row: dict[tuple, int] = {}
        messages: dict[int, Expected] = {}
        for position in np.flatnonzero(duplicated.to_numpy()):
            key = (keys.iat[position, 0], keys.iat[position, 1])
            if key in first_row:
                messages[position] = msg.DUPLICATE_IN_FILE(
                    first_row=first_row[key], network=key[0]
                )
            else:
                first_row[key] = int(self.rows[position])
        self.error(list(messages), "site_code", messages.__getitem__)

    def _check_co_located(self) -> None:
        own, shared = self.values["network_code"], self.values["co_located"]
        clash = np.zeros(self.n, dtype=bool)
        for code in OPERATORS:
            clash |= ((own == code) & shared.str.contains(code, regex=False)).to_numpy(
                dtype=bool, na_value=False
            )
        self.error(
            np.flatnonzero(clash),
            "co_located",
            lambda p: msg.CO_LOCATED_OWN(
                network=own.iat[p], operator=OPERATORS[own.iat[p]].name
            ),
        )

    def _check_order(self, start: str, end: str) -> None:
        first, last = self.values[start], self.values[end]
        spec = self.specs[start]
        self.error(
            np.flatnonzero(last < first),
            end,
            lambda p: msg.DATE_ORDER(
                start_field=start,
                start_label_en=spec.label_en.lower(),
                start=str(first[p])[:10],
            ),
        )

    def _check_technology_dates(self) -> None:
        for technology, year in TECHNOLOGY_START_YEAR.items():
            name = f"on_air_{technology}"
            dates = self.values[name]
            early = np.flatnonzero(dates < np.datetime64(f"{year}-01-01"))
            self.error(
                early,
                name,
                msg.TECHNOLOGY_YEAR(year=year, technology=technology.upper()),
            )
            dates[early] = np.datetime64("NaT")

    # -- defaults and result ---------------------------------------------------
