"""reportgen: the monthly children's services cabinet update deck, built from the KPI workbook."""

__version__ = "0.1.0"
