from __future__ import annotations

from hypothesis import given

import selfhelp_exchange as shx
from tests.strategies import networks


@given(networks())
def test_generated_networks_are_valid_and_json_round_trips(net: shx.ExchangeNetwork) -> None:
    import io

    buf = io.StringIO()
    shx.write_json(net, buf)
    assert shx.read_json(io.StringIO(buf.getvalue())) == net
