%% logger: a small logger in place of OTP's (which needs ETS, a logger
%% server and handler processes). It keeps OTP's API for what OTP's own
%% modules call (the ?LOG_* macros go through allow/2 and macro_log/3,4,5)
%% and prints each event on the console the way OTP's default handler does.
%% The primary level is notice, as in OTP.
-module(logger).
-export([allow/2, macro_log/3, macro_log/4, macro_log/5,
         log/2, log/3, log/4,
         emergency/1, emergency/2, emergency/3, alert/1, alert/2, alert/3,
         critical/1, critical/2, critical/3, error/1, error/2, error/3,
         warning/1, warning/2, warning/3, notice/1, notice/2, notice/3,
         info/1, info/2, info/3, debug/1, debug/2, debug/3,
         set_primary_config/2, get_primary_config/0, set_module_level/2,
         add_handler/3, remove_handler/1, get_config/0,
         update_process_metadata/1, set_process_metadata/1, get_process_metadata/0,
         format_report/1, timestamp/0, compare_levels/2]).

-compile({no_auto_import, [error/2]}).

levels() -> [emergency, alert, critical, error, warning, notice, info, debug].

rank(L) -> rank(L, levels(), 0).
rank(L, [L | _], N) -> N;
rank(L, [_ | T], N) -> rank(L, T, N + 1);
rank(_, [], N) -> N.

primary() -> persistent_term:get({?MODULE, level}, notice).

allow(Level, _Module) ->
    case primary() of
        none -> false;
        all -> true;
        P -> rank(Level) =< rank(P)
    end.

compare_levels(A, B) ->
    case {rank(A), rank(B)} of
        {X, X} -> eq;
        {X, Y} when X < Y -> gt;
        _ -> lt
    end.

macro_log(Location, Level, StringOrReport) ->
    macro_log(Location, Level, StringOrReport, #{}).

macro_log(Location, Level, Format, Args) when is_list(Args), not is_map(Format) ->
    case io_lib:printable_unicode_list(Format) orelse is_atom(Format) of
        true -> emit(Level, {Format, Args}, Location);
        false -> emit(Level, {report, Format, Args}, Location)
    end;
%% SASL's reports (domain [otp, sasl]) go through the level check like the
%% rest, as in OTP 21 and later: crash and supervisor reports (error) are
%% shown, progress reports (info) are not at the default level.
macro_log(Location, Level, Report, Meta) when is_map(Meta) ->
    emit(Level, {report, Report, maps:merge(Location, Meta)}, Location);
macro_log(Location, Level, Format, Args) ->
    emit(Level, {Format, Args}, Location).

macro_log(Location, Level, Format, Args, Meta) ->
    emit(Level, {Format, Args}, maps:merge(Location, Meta)).

log(Level, StringOrReport) -> log(Level, StringOrReport, #{}).
log(Level, Format, Args) when is_list(Args) ->
    do_log(Level, {Format, Args});
log(Level, Report, Meta) when is_map(Meta) ->
    do_log(Level, {report, Report, Meta}).
log(Level, Format, Args, _Meta) -> do_log(Level, {Format, Args}).

do_log(Level, Msg) ->
    case allow(Level, undefined) of
        true -> emit(Level, Msg, #{});
        false -> ok
    end.

emergency(A) -> log(emergency, A). emergency(A, B) -> log(emergency, A, B). emergency(A, B, C) -> log(emergency, A, B, C).
alert(A) -> log(alert, A). alert(A, B) -> log(alert, A, B). alert(A, B, C) -> log(alert, A, B, C).
critical(A) -> log(critical, A). critical(A, B) -> log(critical, A, B). critical(A, B, C) -> log(critical, A, B, C).
error(A) -> log(error, A). error(A, B) -> log(error, A, B). error(A, B, C) -> log(error, A, B, C).
warning(A) -> log(warning, A). warning(A, B) -> log(warning, A, B). warning(A, B, C) -> log(warning, A, B, C).
notice(A) -> log(notice, A). notice(A, B) -> log(notice, A, B). notice(A, B, C) -> log(notice, A, B, C).
info(A) -> log(info, A). info(A, B) -> log(info, A, B). info(A, B, C) -> log(info, A, B, C).
debug(A) -> log(debug, A). debug(A, B) -> log(debug, A, B). debug(A, B, C) -> log(debug, A, B, C).

set_primary_config(level, L) -> persistent_term:put({?MODULE, level}, L), ok;
set_primary_config(_, _) -> ok.
get_primary_config() -> #{level => primary(), filters => [], filter_default => log, metadata => #{}}.
set_module_level(_, _) -> ok.
add_handler(_, _, _) -> ok.
remove_handler(_) -> ok.
get_config() -> #{primary => get_primary_config(), handlers => [], module_levels => []}.
update_process_metadata(_) -> ok.
set_process_metadata(_) -> ok.
get_process_metadata() -> undefined.
timestamp() -> os:system_time(microsecond).

format_report(Report) when is_map(Report) -> {"~p", [Report]};
format_report(Report) -> {"~p", [Report]}.

%% The text of an event, as OTP's default formatter writes it.
emit(Level, Msg, _Meta) ->
    Body = try body(Msg)
           catch _:_ -> io_lib:format("~p", [Msg])
           end,
    Header = io_lib:format("=~s REPORT==== ~s ===~n", [label(Level, Msg), stamp()]),
    io:put_chars(user, [Header, Body, "\n"]),
    ok.

body({report, Report, Meta}) when is_map(Meta) ->
    case maps:get(report_cb, Meta, undefined) of
        F when is_function(F, 1) ->
            {Fmt, Args} = F(Report),
            io_lib:format(Fmt, Args);
        F when is_function(F, 2) ->
            F(Report, #{depth => unlimited, chars_limit => unlimited, single_line => false});
        _ ->
            report_text(Report)
    end;
body({report, Report, _}) ->
    report_text(Report);
body({Format, Args}) ->
    io_lib:format(Format, Args).

report_text(Report) when is_map(Report) ->
    report_text(lists:sort(maps:to_list(Report)));
report_text(Report) when is_list(Report) ->
    [io_lib:format("    ~p: ~p~n", [K, V]) || {K, V} <- Report];
report_text(Report) ->
    io_lib:format("~p", [Report]).

%% error_logger's report types keep their own headers, as OTP prints them.
label(Level, {report, _, #{error_logger := #{type := Type}}}) ->
    case Type of
        crash_report -> "CRASH";
        supervisor_report -> "SUPERVISOR";
        progress -> "PROGRESS";
        _ -> label(Level)
    end;
label(Level, _) -> label(Level).

label(emergency) -> "EMERGENCY";
label(alert) -> "ALERT";
label(critical) -> "CRITICAL";
label(error) -> "ERROR";
label(warning) -> "WARNING";
label(notice) -> "NOTICE";
label(info) -> "INFO";
label(debug) -> "DEBUG".

stamp() ->
    Us = os:system_time(microsecond),
    {{Y, Mo, D}, {H, Mi, S}} = calendar:system_time_to_universal_time(Us, microsecond),
    Months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
    io_lib:format("~2..0w-~s-~4w::~2..0w:~2..0w:~2..0w.~6..0w",
                  [D, element(Mo, Months), Y, H, Mi, S, Us rem 1000000]).
