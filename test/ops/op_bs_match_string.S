%% op_bs_match_string: runs the bs_match_string instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_bs_match_string}.  %% version = 0

{exports, [{f,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 17}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_bs_match_string.erl",3}]}.
    {func_info,{atom,op_bs_match_string},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_bs_match_string.erl",4}]}.
    {func_info,{atom,op_bs_match_string},{atom,start},0}.
  {label,4}.
    {move,{literal,[<<"GET /x">>,<<"POST /y">>,<<"GE">>,<<"PUT">>]},{x,0}}.
    {call_only,1,{f,15}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 1, 6}.
  {label,5}.
    {line,[{location,"op_bs_match_string.erl",5}]}.
    {func_info,{atom,op_bs_match_string},{atom,f},1}.
  {label,6}.
    {'%',{var_info,{x,0},[accepts_match_context]}}.
    {test,bs_start_match3,{f,9},1,[{x,0}],{x,0}}.
    {test,bs_get_integer2,
          {f,9},
          1,
          [{x,0},
           {integer,16},
           1,
           {field_flags,[{anno,[5,{file,"op_bs_match_string.erl"}]},
                         unsigned,big]}],
          {x,1}}.
    {select_val,{x,1},
                {f,9},
                {list,[{integer,18245},{f,8},{integer,20559},{f,7}]}}.
  {label,7}.
    {test,bs_match_string,{f,9},[{x,0},24,{string,<<"ST ">>}]}.
    {test,bs_get_binary2,
          {f,9},
          1,
          [{x,0},
           {atom,all},
           8,
           {field_flags,[{anno,[6,{file,"op_bs_match_string.erl"}]},
                         unsigned,big]}],
          {x,0}}.
    {test_heap,3,1}.
    {put_tuple2,{x,0},{list,[{atom,post},{x,0}]}}.
    return.
  {label,8}.
    {test,bs_match_string,{f,9},[{x,0},16,{string,<<"T ">>}]}.
    {test,bs_get_binary2,
          {f,9},
          1,
          [{x,0},
           {atom,all},
           8,
           {field_flags,[{anno,[5,{file,"op_bs_match_string.erl"}]},
                         unsigned,big]}],
          {x,0}}.
    {test_heap,3,1}.
    {put_tuple2,{x,0},{list,[{atom,get},{x,0}]}}.
    return.
  {label,9}.
    {move,{atom,other},{x,0}}.
    return.


{function, module_info, 0, 11}.
  {label,10}.
    {line,[]}.
    {func_info,{atom,op_bs_match_string},{atom,module_info},0}.
  {label,11}.
    {move,{atom,op_bs_match_string},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 13}.
  {label,12}.
    {line,[]}.
    {func_info,{atom,op_bs_match_string},{atom,module_info},1}.
  {label,13}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_bs_match_string},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 15}.
  {label,14}.
    {line,[{location,"op_bs_match_string.erl",4}]}.
    {func_info,{atom,op_bs_match_string},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,15}.
    {'%',{var_info,{x,0},[{type,{t_list,{t_bitstring,8},nil}}]}}.
    {test,is_nonempty_list,{f,16},[{x,0}]}.
    {allocate,1,1}.
    {get_list,{x,0},{x,0},{y,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % f/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_union,
                     {t_atom,[other]},
                     none,none,
                     [{{2,{t_atom,[get]}},
                       {t_tuple,2,true,
                           #{1 => {t_atom,[get]},2 => {t_bitstring,8}}}},
                      {{2,{t_atom,[post]}},
                       {t_tuple,2,true,
                           #{1 => {t_atom,[post]},2 => {t_bitstring,8}}}}],
                     none}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,15}}. % '-start/0-lc$^0/1-0-'/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,
                         {t_atom,[other]},
                         none,none,
                         [{{2,{t_atom,[get]}},
                           {t_tuple,2,true,
                               #{1 => {t_atom,[get]},2 => {t_bitstring,8}}}},
                          {{2,{t_atom,[post]}},
                           {t_tuple,2,true,
                               #{1 => {t_atom,[post]},2 => {t_bitstring,8}}}}],
                         none},
                     nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,16}.
    return.
