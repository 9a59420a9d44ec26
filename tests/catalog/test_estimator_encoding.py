"""The estimate in a URL: decode, canonical encode, and the page's Add/Remove edits."""

from urllib.parse import parse_qsl

from catalog.estimator.encoding import apply_edit, decode, encode

QUERY = (
    "dc=GB3&currency=EUR&support=professional"
    "&server1-os=windows&server1-cpu=4&server1-managed=on"
    "&server1-app-ms-sql=2&server1-app-ms-sql-software=microsoft-sql-server-web-edition"
    "&server1-app-backup=1&server1-app-backup-storage=250"
    "&hyperscale1-os=linux&hyperscale1-storage=500"
    "&db1-type=replicated&backup1-storage=200&baremetal1-config=2"
    "&ips1-quantity=3&appfog1-memory=2048&appfog1-usage=8&appfog1-usage_period=hours_per_day"
    "&vpn=2&bandwidth=300&pb=0123456789ab"
)


def test_decode_gives_the_json_payload():
    decoded = decode(parse_qsl(QUERY))
    payload = decoded.payload
    assert payload["data_center"] == "GB3"
    assert payload["servers"] == [
        {
            "type": "standard",
            "os": "windows",
            "cpu": "4",
            "managed": True,
            "managed_apps": [
                {
                    "key": "ms-sql",
                    "instances": "2",
                    "software": "software:microsoft-sql-server-web-edition",
                },
                {"key": "backup", "instances": "1", "storage": "250"},
            ],
        },
        {"type": "hyperscale", "os": "linux", "storage": "500"},
    ]
    assert payload["appfog"] == [
        {"memory": "2048", "usage": "8", "usage_period": "hours_per_day"}
    ]
    assert payload["services"] == {"vpn": "2", "bandwidth": "300"}
    assert decoded.price_book == "0123456789ab"
    assert decoded.lines[("servers", 1)] == ("hyperscale", 1)
    assert decoded.apps[(0, 1)] == "backup"


def test_canonical_encoding_round_trips_and_drops_defaults():
    payload = decode(parse_qsl(QUERY)).payload
    canonical = encode(payload)
    assert decode(parse_qsl(canonical)).payload == payload
    assert encode(decode(parse_qsl(canonical)).payload) == canonical
    default_server = {"servers": [{"os": "linux", "cpu": 1, "quantity": "1.0"}]}
    assert encode(default_server) == "dc=VA1&server1-os=linux"
    assert encode({}) == "dc=VA1"


def test_gaps_and_order_in_hand_written_urls_are_renumbered():
    decoded = decode(parse_qsl("server7-os=redhat&server2-cpu=3&db5-cpu=2"))
    assert [s.get("os", s.get("cpu")) for s in decoded.payload["servers"]] == [
        "3",
        "redhat",
    ]
    assert encode(decoded.payload) == (
        "dc=VA1&server1-os=linux&server1-cpu=3&server2-os=redhat&db1-type=single"
        "&db1-cpu=2"
    )


def test_the_url_kind_decides_the_server_type():
    payload = decode(parse_qsl("server1-os=linux&server1-type=hyperscale")).payload
    assert payload["servers"][0]["type"] == "standard"


def test_add_and_remove_lines_and_apps():
    decoded = decode(parse_qsl("server1-os=linux&server2-os=redhat&add=server"))
    assert apply_edit(decoded)
    assert [s["os"] for s in decoded.payload["servers"]] == ["linux", "redhat", "linux"]
    decoded = decode(parse_qsl("server1-os=linux&server2-os=redhat&remove=server1"))
    assert apply_edit(decoded)
    assert encode(decoded.payload) == "dc=VA1&server1-os=redhat"
    decoded = decode(
        parse_qsl(
            "server1-os=windows&server1-managed=on&server1-add_app=iis&add=server1-app"
        )
    )
    assert apply_edit(decoded)
    assert "server1-app-iis=1" in encode(decoded.payload)
    decoded = decode(
        parse_qsl("server1-os=windows&server1-app-iis=1&remove=server1-app-iis")
    )
    assert apply_edit(decoded)
    assert "iis" not in encode(decoded.payload)
    assert not apply_edit(decode(parse_qsl("server1-os=linux&add=nothing")))
    assert not apply_edit(decode(parse_qsl("remove=server1%0A")))


def test_lines_beyond_the_cap_are_not_even_collected():
    query = "&".join(f"server{i}-cpu=1" for i in range(1, 999))
    assert (
        len(decode(parse_qsl(query)).payload["servers"]) == 51
    )  # one more than the cap: reported
