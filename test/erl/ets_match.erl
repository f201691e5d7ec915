%% ets_match: match specifications through select/2, match/2,
%% match_object/2, select_count, select_delete, select_replace,
%% match_delete and match_spec_compile/run: heads, variables, guards
%% (every allowed guard function), bodies, failures and invalid specs.
-module(ets_match).
-export([start/0]).

t(F) -> try F() catch C:R -> {C, R} end.

sel(T, MS) -> t(fun() -> lists:sort(ets:select(T, MS)) end).

start() ->
    T = ets:new(m, [set]),
    ets:insert(T, [{I, I * 10} || I <- lists:seq(1, 9)]),
    M = ets:new(mm, [set]),
    ets:insert(M, [{1, #{a => 1, b => 2}}, {2, #{a => 3}}, {3, [1, 2, 3]}, {4, [1 | 2]},
                   {5, {x, [y, <<"bin">>], 2.5}}, {6, <<"abc">>}, {7, "str"}, {8, 1.0},
                   {9, self()}, {10, atom}, {11, {r, 1, 2}}, {12, -7}, {13, make_ref()}]),
    [{specs, [sel(T, [MS]) || MS <- specs()]},
     {multi, multi(T)},
     {guards, [sel(T, [{{'$1', '_'}, [{'==', '$1', 7}], [G]}]) || G <- guard_exprs()]},
     {kinds, [sel(M, [{{'$1', '$2'}, [{F, '$2'}], ['$1']}]) || F <- type_tests()]},
     {shapes, [sel(M, [MS]) || MS <- shape_specs()]},
     {invalid, [sel(T, MS) || MS <- invalid()]},
     {fun_table, fun_table(T)},
     {body_failures, [sel(T, [{{'$1', '$2'}, [{'==', '$1', 1}], B}]) || B <- body_failures()]},
     {guard_failures, [sel(T, [{{'$1', '$2'}, G, [yes]}]) || G <- guard_failures()]},
     {matches, matches()},
     {counts, counts()},
     {replace, replace()},
     {compiled, compiled()}].

specs() ->
    [{'_', [], ['$_']},
     {'$1', [], ['$1']},
     {{'$1', '$2'}, [], ['$$']},
     {{'$1', '$3'}, [{'>', '$1', 7}], ['$$']},
     {{'$1', '$0'}, [{'>', '$1', 7}], ['$$']},
     {{'$1', '_'}, [{'>', '$1', 5}], [{{'$1', '$$', '$_'}}]},
     {{'$1', '$1'}, [], ['$1']},
     {{'$1', '$2'}, [], [{'div', '$1', 0}]},
     {{'$1', '_'}, [{'>', '$1', 7}], [{element, 4, '$_'}]},
     {{'$1', '_'}, [{'>', '$1', 7}], [[a, '$1' | '$1']]},
     {{'$1', '_'}, [{'>', '$1', 7}], [#{'$1' => '$1', k => [v]}]},
     {{'$1', '_'}, ['$1'], [{'+', '$1', 1}]},
     {{'$1', '_'}, [{'>', '$1', 7}], [{const, {'$1'}}]},
     {{'$1', '_'}, [{is_integer, '$1'}, {'>', '$1', 7}], [{const, '$1'}]},
     {{'$1', '_'}, [{'orelse', {'==', '$1', 7}, {'==', '$1', 3}}], [{'andalso', true, '$1'}]},
     {{'$1', '_'}, [{'==', '$1', 7}], [{'andalso', '$1', true}]},
     {{'$1', '_'}, [{'==', '$1', 7}], [{'orelse', false, '$1'}]},
     {{'$1', '_'}, [{'==', '$1', 7}], [{'and', true, '$1'}]},
     {{'$1', '_'}, [{'==', '$1', 7}], ['$_', '$$', '_']},
     {{'$1', '_'}, [{'==', '$1', 7}], ['$_', '$$', foo]},
     {{'$1', '_'}, [{'==', '$1', 7}], [{{}}]},
     {{'$1', '_'}, [{'==', '$1', 7}], [[]]},
     {{'$1', '_'}, [{'==', '$1', 7}], [{{'$1'}}]},
     {{'$1', '_'}, [{'==', '$1', 7}], [<<1>>]},
     {{'$1', '_'}, [{'==', '$1', 7}], [1.5]},
     {{'$1', '$01'}, [], ['$01']},
     {{'$1', '$99999999'}, [], ['$99999999']},
     {{1, '_'}, [], [ok]},
     {{1.0, '_'}, [], [ok]},
     {#{}, [], [ok]},
     {['$1'], [], [ok]},
     {{'$1', '$_'}, [], ['$_']},
     {{'$1', '$$'}, [], ['$_']},
     {'$1', [{is_tuple, '$1'}], [{element, 2, '$1'}]},
     {{'$1', '_'}, [{'=:=', '$1', 1.0}], [ok]},
     {{'$1', '_'}, [{'==', '$1', 1.0}], [ok]},
     {{'$1', '$2'}, [true, true], [{'-', '$2', '$1'}]},
     {{'$1', '_'}, [true, 1], [1]},
     {{'$1', '_'}, [{'/', 1, 0}], [1]},
     {{'$1', '_'}, [{'not', {'/', 1, 0}}], [1]},
     {{'$1', '_'}, [{'orelse', {'/', 1, 0}, true}], [1]},
     {{'$1', '_'}, [{'orelse', true, {'/', 1, 0}}], ['$1']},
     {{'$1', '_'}, [{'andalso', false, {'/', 1, 0}}], ['$1']},
     {{'$1', '_'}, [{'not', {'andalso', {'<', '$1', 3}, {'>', '$1', 0}}}], ['$1']},
     {{'$1', '_'}, [{'or', {'<', '$1', 2}, {'>', '$1', 8}}], ['$1']},
     {{'$1', '_'}, [{'xor', {'<', '$1', 5}, {'<', '$1', 3}}], ['$1']},
     {{'$1', '_'}, [{'and', true, true, {'<', '$1', 3}}], ['$1']},
     {{'$1', '_'}, [{'andalso', true, {'<', '$1', 3}, {'>', '$1', 1}}], ['$1']},
     {{'$1', '_'}, [{'orelse', {'<', '$1', 2}, false, {'>', '$1', 8}}], ['$1']},
     {{3, '$1'}, [], [{'+', '$1', 0.5}]}].

multi(T) ->
    [sel(T, [{{'$1', '_'}, [{'<', '$1', 3}], [small]},
             {{'$1', '_'}, [{'>', '$1', 7}], [big]},
             {'_', [], [other]}]),
     sel(T, [{{3, '$1'}, [], ['$1']}, {{4, '$1'}, [], ['$1']}]),
     sel(T, [{{'$1', '$2'}, [{'>', '$2', 50}], [{'div', '$1', 0}]}, {'_', [], [fallback]}]),
     sel(T, [{{'$1', '_'}, [{'>', '$1', 100}], ['$1']}]),
     sel(T, []),
     sel(T, [{{'$1', '$2'}, [], ['$1']}, {{'$2', '$1'}, [], ['$1']}])].

guard_exprs() ->
    [{abs, -3}, {element, 2, {{a, b}}}, {hd, [x, y]}, {tl, [x, y]}, {length, [1, 2]},
     {map_get, a, #{a => 1}}, {map_size, #{a => 1}}, {is_map_key, b, #{a => 1}},
     {node}, {node, {self}}, {round, 2.5}, {trunc, -2.5}, {size, {{1, 2, 3}}},
     {size, <<"abcd">>}, {bit_size, <<1:5>>}, {byte_size, <<1:9>>},
     {binary_part, <<"hello">>, {{1, 3}}}, {binary_part, <<"hello">>, 1, 2},
     {float, 3}, {is_pid, {self}}, {'+', 2}, {'-', 2}, {'+', 1, 2.5}, {'-', 1, 3},
     {'*', 6, 7}, {'/', 7, 2}, {'div', 7, 2}, {'rem', -7, 2}, {'band', 12, 10}, {'bor', 12, 10},
     {'bxor', 12, 10}, {'bnot', 5}, {'bsl', 1, 70}, {'bsr', -16, 2},
     {'>', 1, a}, {'>=', 1, 1.0}, {'<', {1}, [1]}, {'=<', 2, 1}, {'=:=', 1, 1.0}, {'==', 1, 1.0},
     {'=/=', 1, 1.0}, {'/=', 1, 1.0}, {'not', false}, {'xor', true, true},
     {is_record, {{r, 1}}, r, 2}, {is_record, {{r, 1}}, r, 3}, {is_function, x},
     {'+', a, 1}, {hd, []}, {element, 5, {{a}}}, {map_get, z, #{}}, {abs, a},
     {'bsl', 1, a}, {float, a}, {length, [a | b]}, {'div', 1, 0}, {'rem', 1, 0},
     {'+', 1 bsl 64, 1 bsl 64}, {'*', 1 bsl 40, 1 bsl 40}, {'-', -(1 bsl 59)},
     {'andalso', '$1', true}, {'not', 1}, {'and', 1, true}].

body_failures() ->
    [[{{'$1', {'div', '$2', 0}}}], [{'+', {'div', '$1', 0}, 1}], [[{'div', '$1', 0}]],
     [[a | {'div', '$1', 0}]], [{'div', '$1', 0}, ok], [ok, {'div', '$1', 0}],
     [{'andalso', true, {'div', '$1', 0}}], [{'orelse', {'div', '$1', 0}, true}],
     [{'not', {'div', '$1', 0}}], [{is_atom, {'div', '$1', 0}}], [#{a => {'div', '$1', 0}}],
     [{{{{'div', '$1', 0}}}}], [{element, 1, {{{'div', '$1', 0}}}}]].

guard_failures() ->
    [[{is_tuple, {{{'div', '$1', 0}}}}], [{'==', {{{'div', '$1', 0}}}, {{'EXIT'}}}],
     [{is_atom, {'div', '$1', 0}}], [{'not', {is_atom, {hd, '$1'}}}], [{'==', '$1', 1}, '$2']].

type_tests() ->
    [is_atom, is_float, is_integer, is_list, is_number, is_pid, is_port, is_reference,
     is_tuple, is_map, is_binary, is_function].

shape_specs() ->
    [{{'$1', #{a => '$2'}}, [], [{{'$1', '$2'}}]},
     {{'$1', #{b => '_'}}, [], ['$1']},
     {{'$1', #{}}, [], ['$1']},
     {{'$1', ['$2' | '$3']}, [], ['$$']},
     {{'$1', [1, '$2', 3]}, [], ['$$']},
     {{'$1', '$2'}, [{is_map, '$2'}, {'>', {map_size, '$2'}, 1}], ['$1']},
     {{'$1', '$2'}, [{is_map, '$2'}, {'=:=', {map_get, a, '$2'}, 3}], ['$1']},
     {{'$1', {x, ['_', '$2'], '$3'}}, [], [{{'$2', '$3'}}]},
     {{'$1', {'_', '_', '_'}}, [], ['$1']},
     {{'$1', <<"abc">>}, [], ['$1']},
     {{'$1', "str"}, [], ['$1']},
     {{'$1', 1}, [], ['$1']},
     {{'$1', 1.0}, [], ['$1']},
     {{'$1', '$2'}, [{is_record, '$2', r, 3}], [{element, 3, '$2'}]},
     {{'$1', '$2'}, [{is_integer, '$2'}], [{abs, '$2'}]},
     {{'$1', '$2'}, [{is_binary, '$2'}], [{byte_size, '$2'}, {binary_part, '$2', 0, 1}]},
     {{'$1', '$2'}, [{is_list, '$2'}], [{length, '$2'}]},
     {{'$1', '$2'}, [{is_list, '$2'}], [{hd, '$2'}]},
     {{'$1', '$2'}, [{is_tuple, '$2'}], [{size, '$2'}]},
     {{'$1', '$2'}, [{'==', {self}, '$2'}], [self_found]}].

invalid() ->
    [foo, [foo], [{a, b}], [{a, b, c, d}], [{'_', foo, [true]}], [{'_', [], foo}],
     [{'_', [], []}], [{'_', [], [true] ++ x}], [{'_', [], [{}]}], [{'_', [], [{{a, b}, c}]}],
     [{'_', [], [{const}]}], [{'_', [], [{const, 1, 2}]}], [{'_', [], [{'and'}]}],
     [{'_', [], [{'or'}]}], [{'_', [], [{'andalso'}]}], [{'_', [], [{'orelse'}]}],
     [{'_', [], [{'xor', true, false, true}]}], [{'_', [], [{'$1'}]}], [{'_', [], ['$1']}],
     [{'_', [{'>', '$2', 7}], [true]}], [{'_', [], [{foo, 1}]}], [{'_', [], [{message, 1}]}],
     [{'_', [], [{min, 1, 2}]}], [{'_', [], [{tuple_size, {{}}}]}],
     [{'_', [], [{is_seq_trace}]}], [{'_', [], [{is_boolean, true}]}], [{'_', [], [{1, 2}]}],
     [{'_', [], [{'not', 1, 2}]}], [{'_', [], [{element, 1}]}], [{'_', [], [ok]} | bad],
     [{'_', [], [{'+', '$1', a}, {ok}]}], [{'_', [], [{self, 1}]}]].

%% Which functions compile, with the arity given.
fun_table(T) ->
    Cands = [{abs, 1}, {element, 2}, {hd, 1}, {length, 1}, {map_get, 2}, {map_size, 1},
             {is_map_key, 2}, {node, 0}, {node, 1}, {round, 1}, {size, 1}, {bit_size, 1},
             {byte_size, 1}, {tl, 1}, {trunc, 1}, {binary_part, 2}, {binary_part, 3},
             {float, 1}, {tuple_size, 1}, {self, 0}, {'+', 1}, {'+', 2}, {'-', 1}, {'-', 2},
             {'*', 2}, {'/', 2}, {'div', 2}, {'rem', 2}, {'band', 2}, {'bnot', 1}, {'bsl', 2},
             {'>', 2}, {'=:=', 2}, {'and', 2}, {'or', 3}, {'xor', 2}, {'not', 1},
             {'andalso', 2}, {'orelse', 1}, {'and', 3}, {is_atom, 1}, {is_function, 1},
             {is_function, 2}, {is_record, 2}, {is_record, 3}, {is_boolean, 1}, {ceil, 1},
             {floor, 1}, {max, 2}, {get_tcw, 0}, {caller, 0}, {return_trace, 0},
             {display, 1}, {atom_to_list, 1}, {make_ref, 0}, {apply, 2}],
    [{F, A, ok(T, {'_', [list_to_tuple([F | lists:duplicate(A, 1)])], [true]}),
      ok(T, {'_', [], [list_to_tuple([F | lists:duplicate(A, 1)])]})} || {F, A} <- Cands].

ok(T, C) -> try ets:select(T, [C]), y catch _:_ -> n end.

matches() ->
    T = ets:new(x, [bag]),
    ets:insert(T, [{a, 1, x}, {a, 2, y}, {b, 1, x}, {c, [1, 2], {1, 2}}, {d}]),
    [lists:sort(ets:match(T, P)) || P <- [{'$1', 1, '_'}, {'_', '$2', '$1'}, {'$1'}, '_', '$1',
                                           {'_', ['$1' | '_'], {'_', '$2'}}, {a, '_', '_'}]] ++
    [lists:sort(ets:match_object(T, P)) || P <- [{'$1', 1, '_'}, {'_', '$1', '$1'}, {'$1'}, '_',
                                                  {a, '_', '_'}, {'$1', '_', x}]] ++
    [t(fun() -> ets:match(T, {'$1'}, 0) end), t(fun() -> ets:match(make_ref(), '_') end)].

counts() ->
    T = ets:new(c, [ordered_set]),
    ets:insert(T, [{I, I rem 4} || I <- lists:seq(1, 40)]),
    A = ets:select_count(T, [{{'_', 0}, [], [true]}]),
    B = ets:select_count(T, [{{'$1', '_'}, [], [{'>', '$1', 30}]}]),
    C = ets:select_count(T, [{{'$1', '_'}, [], ['$1']}]),
    D = ets:select_delete(T, [{{'$1', 1}, [], [true]}]),
    E = ets:select_delete(T, [{{'$1', '_'}, [{'>', '$1', 35}], [true]}]),
    F = ets:select_delete(T, [{{'$1', '_'}, [], [{'>', '$1', 20}]}]),
    G = ets:match_delete(T, {'_', 2}),
    H = ets:tab2list(T),
    I = ets:select_delete(T, [{{5, '_'}, [], [true]}]),
    J = ets:select_delete(T, [{{4, '_'}, [], [true]}]),
    K = ets:select_count(T, [{{12, '$1'}, [], [{'==', '$1', 0}]}]),
    L = [t(fun() -> ets:select_count(T, foo) end), t(fun() -> ets:select_delete(T, [x]) end)],
    {A, B, C, D, E, F, G, H, I, J, K, ets:tab2list(T), L}.

replace() ->
    [begin
         T = ets:new(r, [Ty]),
         ets:insert(T, [{I, I * 10} || I <- lists:seq(1, 10)]),
         A = ets:select_replace(T, [{{'$1', '$2'}, [{'<', '$1', 4}], [{{'$1', {'+', '$2', 1}}}]}]),
         B = t(fun() -> ets:select_replace(T, [{{'$1', '$2'}, [], [{{'$2', '$1'}}]}]) end),
         C = ets:select_replace(T, [{{'$1', '$2'}, [{'>', '$1', 8}], [{{'$1', '$2', extra}}]}]),
         D = t(fun() -> ets:select_replace(T, [{{'$1', '_'}, [{'==', '$1', 4}], [{{'$1'}}]}]) end),
         E = t(fun() -> ets:select_replace(T, [{{'$1', '$2'}, [], [{'div', '$1', 0}]}]) end),
         F = ets:select_replace(T, [{{5, '$1'}, [], [{{5, five}}]}]),
         G = ets:select_replace(T, [{{'$1', '$2'}, [{'<', '$1', 3}],
                                     [{{'$1', {'div', '$2', 0}}}]}]),
         H = [t(fun() -> ets:select_replace(T, [MS]) end) ||
                 MS <- [{{'$1', '_'}, [], [{{{element, 1, '$_'}, changed}}]},
                        {{'$1', '_'}, [], [{const, {'$1', c}}]},
                        {{7, '_'}, [], [{const, {7, c}}]},
                        {{'$1', '_'}, [{'==', '$1', 6}], ['$_']},
                        {{'$1', '_'}, [], [{{'$1', a}}, {{'$1', b}}]},
                        {{'$1', '_'}, [], [{{'$2', a}}]},
                        {'_', [], [{{a, b}}]},
                        {{{'$1'}, '_'}, [], [{{{{'$1'}}, x}}]},
                        {{[a, '$1'], '_'}, [], [{{[a, '$1'], x}}]},
                        {{#{a => 1}, '_'}, [], [{{#{a => 1}, x}}]},
                        {{<<"k">>, '_'}, [], [{{<<"k">>, x}}]}]],
         {Ty, A, B, C, D, E, F, G, H, lists:sort(ets:tab2list(T))}
     end || Ty <- [set, ordered_set, duplicate_bag]].

compiled() ->
    C = ets:match_spec_compile([{{'$1'}, [], [{'+', '$1', 1}]}]),
    C2 = ets:match_spec_compile([{{'$1', '$2'}, [{'>', '$2', '$1'}], [{{'$2', '$1'}}]},
                                 {'_', [], [nomatch]}]),
    [ets:match_spec_run([{1}, {2}, {a}, x, {1, 2}], C),
     ets:match_spec_run([{1, 2}, {2, 1}, {a}, [], {3, 4}], C2),
     ets:match_spec_run([], C),
     ets:is_compiled_ms(C), ets:is_compiled_ms(make_ref()), ets:is_compiled_ms(x),
     t(fun() -> ets:match_spec_compile([bad]) end),
     t(fun() -> ets:match_spec_run([{1}], x) end),
     t(fun() -> ets:match_spec_run([{1} | x], C) end),
     t(fun() -> ets:match_spec_run(x, C) end),
     ets:match_spec_run([{X} || X <- lists:seq(1, 10)], C),
     ets:match_spec_run([[1, 2, 3], [a]], ets:match_spec_compile([{['$1' | '_'], [], ['$1']}]))].
