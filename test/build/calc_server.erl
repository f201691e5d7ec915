%% calc_server: the gen_server of the build test; it adds, multiplies and
%% counts the requests it has answered.
-module(calc_server).
-behaviour(gen_server).
-export([start_link/0, add/2, mul/2, count/0]).
-export([init/1, handle_call/3, handle_cast/2]).

start_link() ->
    gen_server:start_link({local, ?MODULE}, ?MODULE, [], []).

add(A, B) -> gen_server:call(?MODULE, {add, A, B}).
mul(A, B) -> gen_server:call(?MODULE, {mul, A, B}).
count() -> gen_server:call(?MODULE, count).

init([]) ->
    {ok, 0}.

handle_call({add, A, B}, _From, N) -> {reply, A + B, N + 1};
handle_call({mul, A, B}, _From, N) -> {reply, A * B, N + 1};
handle_call(count, _From, N) -> {reply, N, N}.

handle_cast(_Msg, N) ->
    {noreply, N}.
