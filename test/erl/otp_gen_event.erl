%% otp_gen_event: OTP's gen_event, unmodified: a manager with two handlers
%% (this module, twice, with different ids), notify, sync_notify, call,
%% which_handlers and delete_handler.
-module(otp_gen_event).
-behaviour(gen_event).
-export([start/0, init/1, handle_event/2, handle_call/2, terminate/2]).

start() ->
    {ok, E} = gen_event:start_link(),
    ok = gen_event:add_handler(E, {?MODULE, a}, a),
    ok = gen_event:add_handler(E, {?MODULE, b}, b),
    gen_event:notify(E, hello),
    ok = gen_event:sync_notify(E, world),
    R1 = gen_event:call(E, {?MODULE, a}, get),
    R2 = lists:sort(gen_event:which_handlers(E)),
    R3 = gen_event:delete_handler(E, {?MODULE, b}, bye),
    R4 = gen_event:which_handlers(E),
    ok = gen_event:stop(E),
    {R1, R2, R3, R4}.

init(Tag) -> {ok, {Tag, []}}.
handle_event(Ev, {Tag, Seen}) -> {ok, {Tag, [Ev | Seen]}}.
handle_call(get, {Tag, Seen} = S) -> {ok, {Tag, lists:reverse(Seen)}, S}.
terminate(Arg, {Tag, _}) -> {Tag, Arg}.
