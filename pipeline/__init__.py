"""ogi-reports: Chinese government information-disclosure annual reports as a dataset."""

__version__ = "0.1.0"
