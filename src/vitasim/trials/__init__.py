"""Virtual trials: a registry of published trial arms, replicate trials on the population path,
a scorecard, visual predictive checks, trial design and SBML export (see ``docs/trials.md``)."""
