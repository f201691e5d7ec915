%% calc_price: the arithmetic the engines run, pure functions with no
%% processes. An option is a map (kind, spot, strike, rate, vol, years, qty);
%% a job is one of
%%   {value, Name, Options}          Black-Scholes value and delta of a book
%%   {american, Name, Option, Steps} an American option on a binomial tree
%%   {var, Name, Options, Shocks}    value at risk: the book repriced under
%%                                   spot shocks, the worst loss but one
%% Results are integers in fixed point (cents; 1/10000 of a unit of delta;
%% 1/1000000 of a price): exp, log and erf may differ in the last bit from one
%% C library to another, and rounding each figure once keeps the output the
%% same on every machine. Bad market data (a volatility of zero) divides by
%% zero, which is how the demo makes an engine crash.
-module(calc_price).
-export([run/1, book/2, black_scholes/1, american/2, format_fixed/2]).

-define(CENTS, 100).
-define(DELTA_UNITS, 10000).
-define(PRICE_UNITS, 1000000).

run({value, Name, Options}) ->
    {Value, Delta} = lists:foldl(
        fun(#{qty := Q} = O, {V, D}) ->
            {Price, Delta1} = black_scholes(O),
            {V + Q * round(Price * ?CENTS), D + Q * round(Delta1 * ?DELTA_UNITS)}
        end, {0, 0}, Options),
    {Name, #{options => length(Options), value => Value, delta => Delta}};
run({american, Name, Option, Steps}) ->
    {Name, #{price => round(american(Option, Steps) * ?PRICE_UNITS)}};
run({var, Name, Options, Shocks}) ->
    Base = book_value(Options, 0.0),
    Losses = lists:sort([Base - book_value(Options, S) || S <- Shocks]),
    %% the second worst: with 20 shocks, a 95% value at risk
    [_Worst, Var | _] = lists:reverse(Losses),
    {Name, #{scenarios => length(Shocks), var => Var}}.

%% The book's value in cents with every spot moved by 'Shock' (a fraction).
book_value(Options, Shock) ->
    lists:sum([Q * round(element(1, black_scholes(O#{spot := S * (1 + Shock)})) * ?CENTS)
               || #{qty := Q, spot := S} = O <- Options]).

%% Black-Scholes price and delta of a European option.
black_scholes(#{kind := Kind, spot := S, strike := K, rate := R, vol := V, years := T}) ->
    SqrtT = math:sqrt(T),
    D1 = (math:log(S / K) + (R + V * V / 2) * T) / (V * SqrtT),
    D2 = D1 - V * SqrtT,
    Disc = math:exp(-R * T),
    case Kind of
        call -> {S * cdf(D1) - K * Disc * cdf(D2), cdf(D1)};
        put -> {K * Disc * cdf(-D2) - S * cdf(-D1), cdf(D1) - 1}
    end.

%% The standard normal distribution function.
cdf(X) -> 0.5 * (1 + math:erf(X / math:sqrt(2))).

%% An American option on a Cox-Ross-Rubinstein tree of 'Steps' steps: the
%% value at each node is the better of exercising now and holding on.
american(#{kind := Kind, spot := S, strike := K, rate := R, vol := V, years := T}, Steps) ->
    Dt = T / Steps,
    Up = math:exp(V * math:sqrt(Dt)),
    Down = 1 / Up,
    Disc = math:exp(-R * Dt),
    P = (math:exp(R * Dt) - Down) / (Up - Down),
    Payoff = case Kind of
                 call -> fun(X) -> max(X - K, 0.0) end;
                 put -> fun(X) -> max(K - X, 0.0) end
             end,
    Spots = [S * math:pow(Up, Steps - 2 * I) || I <- lists:seq(0, Steps)],
    Leaves = [Payoff(X) || X <- Spots],
    step(Leaves, Steps, S, Up, Disc, P, Payoff).

step([Value], 0, _, _, _, _, _) ->
    Value;
step(Values, N, S, Up, Disc, P, Payoff) ->
    Spots = [S * math:pow(Up, N - 1 - 2 * I) || I <- lists:seq(0, N - 1)],
    step(back(Values, Spots, Disc, P, Payoff), N - 1, S, Up, Disc, P, Payoff).

back([Hi, Lo | Rest], [X | Spots], Disc, P, Payoff) ->
    Hold = Disc * (P * Hi + (1 - P) * Lo),
    [max(Hold, Payoff(X)) | back([Lo | Rest], Spots, Disc, P, Payoff)];
back([_], [], _, _, _) ->
    [].

%% A book of 'N' options drawn from a seeded generator: the same book on
%% every run and every machine (integer arithmetic only).
book(Seed, N) ->
    {Options, _} = lists:mapfoldl(fun(_, G) -> option(G) end, lcg(Seed), lists:seq(1, N)),
    Options.

option(G0) ->
    {Spot, G1} = draw(G0, 50, 150),
    {Moneyness, G2} = draw(G1, 80, 120),
    {Vol, G3} = draw(G2, 10, 60),
    {Months, G4} = draw(G3, 3, 24),
    {Rate, G5} = draw(G4, 1, 5),
    {Kind, G6} = draw(G5, 0, 1),
    {Qty, G7} = draw(G6, -50, 100),
    {#{kind => element(Kind + 1, {call, put}), spot => float(Spot),
       strike => float(Spot * Moneyness div 100), vol => Vol / 100,
       years => Months / 12, rate => Rate / 100, qty => Qty}, G7}.

%% A linear congruential generator (the constants of C's example rand()).
lcg(Seed) -> (Seed * 1103515245 + 12345) band 16#7fffffff.

draw(G, Lo, Hi) -> {Lo + (G bsr 8) rem (Hi - Lo + 1), lcg(G)}.

%% "-1234.5678" from -12345678 with 4 decimals: fixed point to text.
format_fixed(N, Decimals) ->
    Unit = pow10(Decimals),
    Sign = if N < 0 -> "-"; true -> "" end,
    Frac = integer_to_list(abs(N) rem Unit),
    Sign ++ integer_to_list(abs(N) div Unit) ++ "."
        ++ lists:duplicate(Decimals - length(Frac), $0) ++ Frac.

pow10(0) -> 1;
pow10(N) -> 10 * pow10(N - 1).
