"""Fine bands: the one partition of fines in yuan that the search facet (罚款金额) and the
discretion reference's histogram (裁量参考) both count in, so that their figures agree."""
from typing import NamedTuple


class FineBand(NamedTuple):
    value: str  # the facet value in URLs and the API
    label: str
    low: int  # yuan, inclusive
    high: int | None  # yuan, exclusive; None: no upper bound

    def holds(self, amount: float) -> bool:
        return amount >= self.low and (self.high is None or amount < self.high)


FINE_BANDS = (
    FineBand("0-10000", "1万元以下", 0, 10_000),
    FineBand("10000-50000", "1万—5万元", 10_000, 50_000),
    FineBand("50000-100000", "5万—10万元", 50_000, 100_000),
    FineBand("100000-500000", "10万—50万元", 100_000, 500_000),
    FineBand("500000-1000000", "50万—100万元", 500_000, 1_000_000),
    FineBand("1000000-", "100万元以上", 1_000_000, None),
)
