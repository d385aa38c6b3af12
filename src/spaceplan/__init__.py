"""spaceplan: turn claims about space programs into numbers from physics and real data.

Units in code are SI (m, s, kg, rad) and epochs are TDB seconds past J2000;
display units appear only at the CLI and report edge.
"""

from spaceplan.core.errors import SpaceplanError

__version__ = "0.1.0"
__all__ = ["SpaceplanError", "__version__"]
