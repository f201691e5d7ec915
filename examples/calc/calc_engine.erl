%% calc_engine: one engine of the pool, a gen_server that prices one job at a
%% time. It tells the dispatcher it is up when it starts (again, after a
%% crash: the supervisor restarts it under the same id) and hands each
%% result back to it. A job that raises is not caught: the engine crashes,
%% the dispatcher sees it go down and fails that job, and the supervisor
%% starts a fresh engine.
-module(calc_engine).
-behaviour(gen_server).
-export([start_link/1, run/3]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

start_link(Id) ->
    gen_server:start_link(?MODULE, Id, []).

%% Asks engine 'Pid' to run 'Job'; the answer comes to the dispatcher.
run(Pid, Ref, Job) ->
    gen_server:cast(Pid, {run, Ref, Job}).

init(Id) ->
    calc_dispatch:engine_up(Id, self()),
    {ok, #{id => Id, jobs => 0}}.

handle_cast({run, Ref, Job}, #{jobs := N} = S) ->
    Result = calc_price:run(Job),
    calc_dispatch:engine_done(self(), Ref, Result),
    {noreply, S#{jobs := N + 1}}.

handle_call(jobs, _From, #{jobs := N} = S) ->
    {reply, N, S}.

handle_info(_Msg, S) ->
    {noreply, S}.
