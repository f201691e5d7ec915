%% calc_sup: the top supervisor of the calc application. It starts the
%% dispatcher first (engines announce themselves to it when they start),
%% then the engines. one_for_one: a crashed engine is restarted alone; more
%% than 'MaxRestarts' crashes within 'Period' seconds mean something is
%% wrong beyond one bad job, and the supervisor gives up (taking the service
%% down, for the application's owner to decide).
-module(calc_sup).
-behaviour(supervisor).
-export([start_link/1, init/1]).

start_link(Config) ->
    supervisor:start_link({local, ?MODULE}, ?MODULE, Config).

init(#{engines := N, max_restarts := MaxRestarts, period := Period}) ->
    Flags = #{strategy => one_for_one, intensity => MaxRestarts, period => Period},
    Dispatcher = #{id => dispatcher, start => {calc_dispatch, start_link, []}},
    Engines = [#{id => {engine, I}, start => {calc_engine, start_link, [I]}}
               || I <- lists:seq(1, N)],
    {ok, {Flags, [Dispatcher | Engines]}}.
