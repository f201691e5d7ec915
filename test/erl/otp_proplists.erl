%% otp_proplists: OTP's proplists module.
-module(otp_proplists).
-export([start/0]).

start() ->
    P = [{a, 1}, b, {c, 3, extra}, {a, 2}, {d, [x]}, {no_e, true}, 'f'],
    [proplists:get_value(a, P), proplists:get_value(z, P), proplists:get_value(z, P, def),
     proplists:get_value(b, P), proplists:get_all_values(a, P), proplists:get_bool(b, P),
     proplists:get_bool(a, P), proplists:lookup(a, P), proplists:lookup(b, P),
     proplists:lookup(z, P),
     proplists:lookup_all(a, P), proplists:is_defined(c, P), proplists:is_defined(z, P),
     proplists:delete(a, P), proplists:append_values(d, [{d, [y]} | P]), proplists:get_keys(P),
     proplists:property(a, 1), proplists:property(b, true), proplists:property({c, 3}),
     proplists:unfold(P), proplists:compact([{a, true}, b]),
     proplists:substitute_aliases([{a, alpha}], P), proplists:substitute_negations([{no_e, e}], P),
     proplists:expand([{b, [{b, 10}, bb]}], P), proplists:normalize(P, [{aliases, [{f, ff}]}]),
     proplists:split(P, [a, d]), proplists:to_map(P), proplists:from_map(#{k => v}),
     proplists:to_map([a, {b, 2}, {negated, false}], [{negations, [{negated, pos}]}])].
