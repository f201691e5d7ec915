%% otp_gen_server: OTP's gen_server, unmodified: start_link, call, cast,
%% info messages, a call timeout, timeouts in return values, sys:get_state,
%% and a normal stop that runs terminate/2.
-module(otp_gen_server).
-behaviour(gen_server).
-export([start/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2]).

start() ->
    process_flag(trap_exit, true),
    {ok, P} = gen_server:start_link(?MODULE, {self(), 10}, []),
    ok = gen_server:cast(P, {add, 5}),
    R1 = gen_server:call(P, get),
    P ! {add, 2},
    R2 = gen_server:call(P, get),
    R3 = gen_server:call(P, {slow, 0}),
    R4 = (catch gen_server:call(P, {slow, 200}, 50)),
    {_, R5} = sys:get_state(P),
    R6 = gen_server:call(P, idle_soon),
    R7 = receive {idle, P} -> idle after 1000 -> none end,
    ok = gen_server:stop(P),
    R8 = receive {terminated, normal} -> terminated after 1000 -> none end,
    R9 = receive {'EXIT', P, Why} -> Why after 1000 -> none end,
    {R1, R2, R3, element(1, element(2, R4)), R5, R6, R7, R8, R9}.

init({Parent, N}) -> {ok, {Parent, N}}.

handle_call(get, _From, {_, N} = S) -> {reply, N, S};
handle_call({slow, Ms}, _From, S) -> receive after Ms -> ok end, {reply, slept, S};
handle_call(idle_soon, _From, S) -> {reply, ok, S, 10}.

handle_cast({add, K}, {Parent, N}) -> {noreply, {Parent, N + K}}.

handle_info(timeout, {Parent, _} = S) -> Parent ! {idle, self()}, {noreply, S};
handle_info({add, K}, {Parent, N}) -> {noreply, {Parent, N + K}};
handle_info(_, S) -> {noreply, S}.

terminate(Reason, {Parent, _}) -> Parent ! {terminated, Reason}, ok.
