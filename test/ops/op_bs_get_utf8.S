%% op_bs_get_utf8: runs the bs_get_utf8 instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_bs_get_utf8}.  %% version = 0

{exports, [{f,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 15}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_bs_get_utf8.erl",3}]}.
    {func_info,{atom,op_bs_get_utf8},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_bs_get_utf8.erl",4}]}.
    {func_info,{atom,op_bs_get_utf8},{atom,start},0}.
  {label,4}.
    {move,{literal,[<<97,195,169,1,2>>,<<240,159,152,128>>,<<"ÿÿÿÿ">>,<<>>]},
          {x,0}}.
    {call_only,1,{f,13}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 1, 6}.
  {label,5}.
    {line,[{location,"op_bs_get_utf8.erl",5}]}.
    {func_info,{atom,op_bs_get_utf8},{atom,f},1}.
  {label,6}.
    {'%',{var_info,{x,0},[accepts_match_context]}}.
    {test,bs_start_match3,{f,7},1,[{x,0}],{x,0}}.
    {test,bs_get_utf8,
          {f,7},
          1,
          [{x,0},
           {field_flags,[{anno,[5,{file,"op_bs_get_utf8.erl"}]},
                         unsigned,big]}],
          {x,1}}.
    {test,bs_get_binary2,
          {f,7},
          2,
          [{x,0},
           {atom,all},
           8,
           {field_flags,[{anno,[5,{file,"op_bs_get_utf8.erl"}]},
                         unsigned,big]}],
          {x,0}}.
    {test_heap,3,2}.
    {put_tuple2,{x,0},{list,[{x,1},{x,0}]}}.
    return.
  {label,7}.
    {move,{atom,bad},{x,0}}.
    return.


{function, module_info, 0, 9}.
  {label,8}.
    {line,[]}.
    {func_info,{atom,op_bs_get_utf8},{atom,module_info},0}.
  {label,9}.
    {move,{atom,op_bs_get_utf8},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 11}.
  {label,10}.
    {line,[]}.
    {func_info,{atom,op_bs_get_utf8},{atom,module_info},1}.
  {label,11}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_bs_get_utf8},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 13}.
  {label,12}.
    {line,[{location,"op_bs_get_utf8.erl",4}]}.
    {func_info,{atom,op_bs_get_utf8},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,13}.
    {'%',{var_info,{x,0},[{type,{t_list,{t_bitstring,8},nil}}]}}.
    {test,is_nonempty_list,{f,14},[{x,0}]}.
    {allocate,1,1}.
    {get_list,{x,0},{x,0},{y,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % f/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_union,
                     {t_atom,[bad]},
                     none,none,
                     {t_tuple,2,true,
                         #{1 => {t_integer,{0,1114111}},2 => {t_bitstring,8}}},
                     none}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,13}}. % '-start/0-lc$^0/1-0-'/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,
                         {t_atom,[bad]},
                         none,none,
                         {t_tuple,2,true,
                             #{1 => {t_integer,{0,1114111}},
                               2 => {t_bitstring,8}}},
                         none},
                     nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,14}.
    return.
