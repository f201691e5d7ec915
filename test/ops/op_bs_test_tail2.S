%% op_bs_test_tail2: runs the bs_test_tail2 instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_bs_test_tail2}.  %% version = 0

{exports, [{f,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 16}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_bs_test_tail2.erl",3}]}.
    {func_info,{atom,op_bs_test_tail2},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_bs_test_tail2.erl",4}]}.
    {func_info,{atom,op_bs_test_tail2},{atom,start},0}.
  {label,4}.
    {move,{literal,[<<1,2>>,<<1,2,3>>,<<1>>,<<1,2:4>>]},{x,0}}.
    {call_only,1,{f,14}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 1, 6}.
  {label,5}.
    {line,[{location,"op_bs_test_tail2.erl",5}]}.
    {func_info,{atom,op_bs_test_tail2},{atom,f},1}.
  {label,6}.
    {'%',{var_info,{x,0},[accepts_match_context]}}.
    {test,bs_start_match3,{f,8},1,[{x,0}],{x,0}}.
    {test,bs_get_integer2,
          {f,8},
          1,
          [{x,0},
           {integer,8},
           1,
           {field_flags,[{anno,[5,{file,"op_bs_test_tail2.erl"}]},
                         unsigned,big]}],
          {x,1}}.
    {test,bs_get_integer2,
          {f,8},
          2,
          [{x,0},
           {integer,8},
           1,
           {field_flags,[{anno,[5,{file,"op_bs_test_tail2.erl"}]},
                         unsigned,big]}],
          {x,2}}.
    {test,bs_test_tail2,{f,7},[{x,0},0]}.
    {test_heap,4,3}.
    {put_tuple2,{x,0},{list,[{atom,two},{x,1},{x,2}]}}.
    return.
  {label,7}.
    {test,bs_test_tail2,{f,8},[{x,0},8]}.
    {test_heap,3,2}.
    {put_tuple2,{x,0},{list,[{atom,three},{x,1}]}}.
    return.
  {label,8}.
    {move,{atom,other},{x,0}}.
    return.


{function, module_info, 0, 10}.
  {label,9}.
    {line,[]}.
    {func_info,{atom,op_bs_test_tail2},{atom,module_info},0}.
  {label,10}.
    {move,{atom,op_bs_test_tail2},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 12}.
  {label,11}.
    {line,[]}.
    {func_info,{atom,op_bs_test_tail2},{atom,module_info},1}.
  {label,12}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_bs_test_tail2},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 14}.
  {label,13}.
    {line,[{location,"op_bs_test_tail2.erl",4}]}.
    {func_info,{atom,op_bs_test_tail2},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,14}.
    {'%',{var_info,{x,0},[{type,{t_list,{t_bitstring,4},nil}}]}}.
    {test,is_nonempty_list,{f,15},[{x,0}]}.
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
                     [{{2,{t_atom,[three]}},
                       {t_tuple,2,true,
                           #{1 => {t_atom,[three]},2 => {t_integer,{0,255}}}}},
                      {{3,{t_atom,[two]}},
                       {t_tuple,3,true,
                           #{1 => {t_atom,[two]},
                             2 => {t_integer,{0,255}},
                             3 => {t_integer,{0,255}}}}}],
                     none}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,14}}. % '-start/0-lc$^0/1-0-'/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,
                         {t_atom,[other]},
                         none,none,
                         [{{2,{t_atom,[three]}},
                           {t_tuple,2,true,
                               #{1 => {t_atom,[three]},
                                 2 => {t_integer,{0,255}}}}},
                          {{3,{t_atom,[two]}},
                           {t_tuple,3,true,
                               #{1 => {t_atom,[two]},
                                 2 => {t_integer,{0,255}},
                                 3 => {t_integer,{0,255}}}}}],
                         none},
                     nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,15}.
    return.
