"""The plan: everything each slide says, decided before anything is drawn (pure, frozen).

``plan_deck`` turns a report, its assessments and the template's measurements into a
``DeckPlan``; ``compose`` renders it and decides nothing.
"""

from reportgen.plan.deck import DEFAULT_OPTIONS, DeckOptions, plan_deck
from reportgen.plan.layout import BUILTIN_GEOMETRY, Geometry, Role
from reportgen.plan.slides import DeckPlan

__all__ = ["BUILTIN_GEOMETRY", "DEFAULT_OPTIONS", "DeckOptions", "DeckPlan", "Geometry", "Role",
           "plan_deck"]
