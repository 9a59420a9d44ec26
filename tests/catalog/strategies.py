"""Hypothesis strategies for estimate requests: valid, out of range and hostile."""

from hypothesis import strategies as st

numbers = st.one_of(
    st.integers(0, 20),
    st.integers(-5, 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=6),
    st.none(),
    st.booleans(),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
)


periods = st.sampled_from(
    ["percentage_of_month", "hours_per_month", "hours_per_week", "hours_per_day", "x"]
)


usage_line = st.fixed_dictionaries(
    {}, optional={"quantity": numbers, "usage": numbers, "usage_period": periods}
)


payloads = st.fixed_dictionaries(
    {},
    optional={
        "data_center": st.sampled_from(["VA1", "AU1", "XX1", 3]),
        "currency": st.sampled_from(["USD", "GBP", "JPY", "EUR"]),
        "support": st.sampled_from(["developer", "professional", "enterprise", ""]),
        "skip_unavailable": st.booleans(),
        "servers": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "type": st.sampled_from(["standard", "hyperscale", "big"]),
                    "os": st.sampled_from(["linux", "redhat", "windows", "bsd"]),
                    "cpu": numbers,
                    "memory": numbers,
                    "storage": numbers,
                    "quantity": numbers,
                    "usage": numbers,
                    "usage_period": periods,
                    "managed": st.one_of(st.booleans(), st.integers()),
                    "managed_apps": st.lists(
                        st.fixed_dictionaries(
                            {},
                            optional={
                                "key": st.sampled_from(
                                    ["ms-sql", "mysql", "apache", "nope", 1]
                                ),
                                "instances": numbers,
                                "software": st.sampled_from(
                                    ["Microsoft SQL Server Web Edition", "x", None]
                                ),
                            },
                        ),
                        max_size=2,
                    ),
                },
            ),
            max_size=3,
        ),
        "relational_dbs": st.lists(usage_line, max_size=2),
        "simple_backups": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "storage": numbers,
                    "retention_days": numbers,
                    "daily_add_percent": numbers,
                    "daily_delete_percent": numbers,
                    "restore": numbers,
                },
            ),
            max_size=2,
        ),
        "bare_metal": st.lists(
            st.fixed_dictionaries(
                {}, optional={"config": numbers, "os": numbers, "quantity": numbers}
            ),
            max_size=2,
        ),
        "intrusion_prevention": st.lists(usage_line, max_size=2),
        "appfog": st.lists(usage_line, max_size=2),
        "services": st.dictionaries(
            st.sampled_from(
                [
                    "vpn",
                    "bandwidth",
                    "object-storage",
                    "dedicated-load-balancer-200",
                    "zzz",
                ]
            ),
            numbers,
            max_size=3,
        ),
    },
)
