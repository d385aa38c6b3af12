"""Interplanetary mission design: porkchop grids, launch-window finder (and round trips)."""

from spaceplan.core.porkchop import CellStatus, Porkchop, TransferPoint, porkchop, transfer
from spaceplan.interplanetary.windows import LaunchPeriod, Opportunity, OpportunitySearch, find_opportunities

__all__ = [
    "CellStatus", "Porkchop", "TransferPoint", "porkchop", "transfer",
    "LaunchPeriod", "Opportunity", "OpportunitySearch", "find_opportunities",
]
