%% calc_plugin: a module the build test's program chooses at run time;
%% spore build keeps it only when asked (--include calc_plugin).
-module(calc_plugin).
-export([describe/0]).

describe() ->
    "calc_plugin: " ++ string:uppercase("loaded by name").
