%% op_bs_create_bin: runs the bs_create_bin instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_bs_create_bin}.  %% version = 0

{exports, [{f,2},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 16}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_bs_create_bin.erl",3}]}.
    {func_info,{atom,op_bs_create_bin},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_bs_create_bin.erl",4}]}.
    {func_info,{atom,op_bs_create_bin},{atom,start},0}.
  {label,4}.
    {move,{literal,[{1,<<"ab">>},{-1,<<1:3>>},{a,<<>>},{1099511627776,<<>>}]},
          {x,0}}.
    {call_only,1,{f,14}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 2, 6}.
  {label,5}.
    {line,[{location,"op_bs_create_bin.erl",5}]}.
    {func_info,{atom,op_bs_create_bin},{atom,f},2}.
  {label,6}.
    {allocate,1,2}.
    {'try',{y,0},{f,7}}.
    {bs_create_bin,{f,0},
                   3,2,1,
                   {x,0},
                   {list,[{atom,integer},
                          1,1,nil,
                          {x,0},
                          {integer,16},
                          {atom,binary},
                          2,1,nil,
                          {x,1},
                          {atom,all},
                          {atom,integer},
                          3,1,
                          {literal,[little]},
                          {x,0},
                          {integer,4},
                          {atom,string},
                          0,8,nil,
                          {string,<<115,63,248,0,0,0,0,0,0,195,169,0,65,0,0,0,
                                    66>>},
                          {integer,17}]}}.
    {put_tuple2,{x,0},{list,[{atom,ok},{x,0}]}}.
    {try_end,{y,0}}.
    {deallocate,1}.
    return.
  {label,7}.
    {try_case,{y,0}}.
    {test,is_eq_exact,
          {f,8},
          [{tr,{x,0},{t_atom,[error,exit,throw]}},{atom,error}]}.
    {test_heap,3,2}.
    {put_tuple2,{x,0},{list,[{atom,error},{x,1}]}}.
    {deallocate,1}.
    return.
  {label,8}.
    {bif,raise,{f,0},[{x,2},{x,1}],{x,0}}.


{function, module_info, 0, 10}.
  {label,9}.
    {line,[]}.
    {func_info,{atom,op_bs_create_bin},{atom,module_info},0}.
  {label,10}.
    {move,{atom,op_bs_create_bin},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 12}.
  {label,11}.
    {line,[]}.
    {func_info,{atom,op_bs_create_bin},{atom,module_info},1}.
  {label,12}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_bs_create_bin},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 14}.
  {label,13}.
    {line,[{location,"op_bs_create_bin.erl",4}]}.
    {func_info,{atom,op_bs_create_bin},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,14}.
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,none,none,none,
                         [{{2,{t_atom,[a]}},
                           {t_tuple,2,true,
                               #{1 => {t_atom,[a]},2 => {t_bitstring,8}}}},
                          {{2,{t_integer,{-1,-1}}},
                           {t_tuple,2,true,
                               #{1 => {t_integer,{-1,-1}},
                                 2 => {t_bitstring,3}}}},
                          {{2,{t_integer,{1,1}}},
                           {t_tuple,2,true,
                               #{1 => {t_integer,{1,1}},
                                 2 => {t_bitstring,16}}}},
                          {{2,{t_integer,{1099511627776,1099511627776}}},
                           {t_tuple,2,true,
                               #{1 =>
                                     {t_integer,{1099511627776,1099511627776}},
                                 2 => {t_bitstring,8}}}}],
                         none},
                     nil}}]}}.
    {test,is_nonempty_list,{f,15},[{x,0}]}.
    {allocate,2,1}.
    {get_list,{x,0},{x,0},{y,1}}.
    {get_tuple_element,{x,0},0,{x,1}}.
    {get_tuple_element,{x,0},1,{y,0}}.
    {move,{x,1},{x,0}}.
    {call,1,{f,2}}. % id/1
    {swap,{y,0},{x,0}}.
    {call,1,{f,2}}. % id/1
    {move,{x,0},{x,1}}.
    {move,{y,0},{x,0}}.
    {trim,1,1}.
    {call,2,{f,6}}. % f/2
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_union,none,none,none,
                     [{{2,{t_atom,[error]}},
                       {t_tuple,2,true,#{1 => {t_atom,[error]}}}},
                      {{2,{t_atom,[ok]}},
                       {t_tuple,2,true,
                           #{1 => {t_atom,[ok]},2 => {t_bitstring,1}}}}],
                     none}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,14}}. % '-start/0-lc$^0/1-0-'/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,none,none,none,
                         [{{2,{t_atom,[error]}},
                           {t_tuple,2,true,#{1 => {t_atom,[error]}}}},
                          {{2,{t_atom,[ok]}},
                           {t_tuple,2,true,
                               #{1 => {t_atom,[ok]},2 => {t_bitstring,1}}}}],
                         none},
                     nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,15}.
    return.
