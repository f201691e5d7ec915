%% otp_calendar: OTP's calendar module on fixed dates (no clock).
-module(otp_calendar).
-export([start/0]).

start() ->
    DT = {{2024, 2, 29}, {13, 45, 30}},
    S = calendar:datetime_to_gregorian_seconds(DT),
    [calendar:date_to_gregorian_days(2024, 2, 29), calendar:date_to_gregorian_days({1970, 1, 1}),
     calendar:gregorian_days_to_date(738945), S,
     calendar:gregorian_seconds_to_datetime(S + 86400 * 400),
     calendar:day_of_the_week(2024, 2, 29), calendar:day_of_the_week({2000, 1, 1}),
     calendar:is_leap_year(1900), calendar:is_leap_year(2000), calendar:is_leap_year(2023),
     calendar:last_day_of_the_month(2023, 2), calendar:last_day_of_the_month(2024, 2),
     calendar:valid_date(2023, 2, 29), calendar:valid_date({2024, 2, 29}),
     calendar:valid_date(2024, 13, 1),
     calendar:iso_week_number({2021, 1, 3}), calendar:iso_week_number({2020, 12, 31}),
     calendar:iso_week_number({2024, 12, 30}),
     calendar:seconds_to_daystime(100000), calendar:seconds_to_daystime(-100),
     calendar:seconds_to_time(3661),
     calendar:time_to_seconds({1, 1, 1}), calendar:time_difference({{2024, 1, 1}, {0, 0, 0}}, DT),
     calendar:rfc3339_to_system_time("2024-02-29T13:45:30Z"),
     calendar:rfc3339_to_system_time("2024-02-29T13:45:30.250+02:00", [{unit, millisecond}]),
     calendar:system_time_to_rfc3339(1709214330, [{offset, "Z"}]),
     calendar:system_time_to_rfc3339(1709214330123, [{unit, millisecond}, {offset, "+05:30"}]),
     calendar:system_time_to_rfc3339(1709214330, [{offset, 3600}, {time_designator, $\s}]),
     calendar:system_time_to_universal_time(1709214330, second),
     calendar:gregorian_days_to_date(0), calendar:date_to_gregorian_days(9999, 12, 31),
     [calendar:day_of_the_week(2024, M, 1) || M <- lists:seq(1, 12)],
     calendar:seconds_to_daystime(86400 * 3 + 59),
     calendar:now_to_universal_time({1709, 214330, 500}),
     try calendar:date_to_gregorian_days(2023, 2, 30) catch C:R -> {C, R} end].
