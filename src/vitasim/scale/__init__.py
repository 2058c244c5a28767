"""Populations past one machine: people in chunks on Dask, summaries merged as they arrive.

* :mod:`~vitasim.scale.sketch`: a mergeable quantile sketch with a stated relative error, so the
  summary (median, 5th and 95th percentiles at every output time) is reduced while simulating and
  memory does not grow with the number of people;
* :mod:`~vitasim.scale.guard`: how much memory a run needs, and a refusal that names the figure;
* :mod:`~vitasim.scale.distributed`: the chunked run on a Dask cluster (a ``LocalCluster`` by
  default), the same people for a seed whatever the number of workers or chunks.
"""
from vitasim.scale.guard import MemoryEstimate, check_memory, estimate_memory
from vitasim.scale.sketch import DEFAULT_ALPHA, QuantileSketch

__all__ = ["DEFAULT_ALPHA", "MemoryEstimate", "QuantileSketch", "check_memory", "estimate_memory"]
