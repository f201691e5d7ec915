%% op_bs_set_position: runs the bs_set_position instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_bs_set_position}.  %% version = 0

{exports, [{f,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 17}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_bs_set_position.erl",3}]}.
    {func_info,{atom,op_bs_set_position},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_bs_set_position.erl",4}]}.
    {func_info,{atom,op_bs_set_position},{atom,start},0}.
  {label,4}.
    {move,{literal,[<<1,2,3>>,<<1,9,9>>,<<2,5>>,<<>>]},{x,0}}.
    {call_only,1,{f,15}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 1, 6}.
  {label,5}.
    {line,[{location,"op_bs_set_position.erl",5}]}.
    {func_info,{atom,op_bs_set_position},{atom,f},1}.
  {label,6}.
    {'%',{var_info,{x,0},[accepts_match_context]}}.
    {test,bs_start_match3,{f,9},1,[{x,0}],{x,0}}.
    {test,bs_get_integer2,
          {f,9},
          1,
          [{x,0},
           {integer,8},
           1,
           {field_flags,[{anno,[5,{file,"op_bs_set_position.erl"}]},
                         unsigned,big]}],
          {x,1}}.
    {bs_get_position,{x,0},{x,2},2}.
    {test,is_eq_exact,{f,8},[{tr,{x,1},{t_integer,{0,255}}},{integer,1}]}.
    {test,bs_get_integer2,
          {f,8},
          3,
          [{x,0},
           {integer,8},
           1,
           {field_flags,[{anno,[5,{file,"op_bs_set_position.erl"}]},
                         unsigned,big]}],
          {x,1}}.
    {bs_get_position,{x,0},{x,3},3}.
    {test,is_eq_exact,{f,7},[{tr,{x,1},{t_integer,{0,255}}},{integer,2}]}.
    {test,bs_get_integer2,
          {f,7},
          4,
          [{x,0},
           {integer,8},
           1,
           {field_flags,[{anno,[5,{file,"op_bs_set_position.erl"}]},
                         unsigned,big]}],
          {x,4}}.
    {test,bs_test_tail2,{f,7},[{x,0},0]}.
    {test_heap,3,5}.
    {put_tuple2,{x,0},{list,[{atom,a},{x,4}]}}.
    return.
  {label,7}.
    {bs_set_position,{x,0},{x,3}}.
    {test,bs_test_tail2,{f,8},[{x,0},8]}.
    {test_heap,3,2}.
    {put_tuple2,{x,0},{list,[{atom,b},{x,1}]}}.
    return.
  {label,8}.
    {bs_set_position,{x,0},{x,2}}.
    {test,bs_get_integer2,
          {f,9},
          1,
          [{x,0},
           {integer,8},
           1,
           {field_flags,[{anno,[7,{file,"op_bs_set_position.erl"}]},
                         unsigned,big]}],
          {x,1}}.
    {test,bs_test_tail2,{f,9},[{x,0},0]}.
    {test_heap,3,2}.
    {put_tuple2,{x,0},{list,[{atom,c},{x,1}]}}.
    return.
  {label,9}.
    {move,{atom,none},{x,0}}.
    return.


{function, module_info, 0, 11}.
  {label,10}.
    {line,[]}.
    {func_info,{atom,op_bs_set_position},{atom,module_info},0}.
  {label,11}.
    {move,{atom,op_bs_set_position},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 13}.
  {label,12}.
    {line,[]}.
    {func_info,{atom,op_bs_set_position},{atom,module_info},1}.
  {label,13}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_bs_set_position},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 15}.
  {label,14}.
    {line,[{location,"op_bs_set_position.erl",4}]}.
    {func_info,{atom,op_bs_set_position},{atom,'-start/0-lc$^0/1-0-'},1}.
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
                     {t_atom,[none]},
                     none,none,
                     [{{2,{t_atom,[a]}},
                       {t_tuple,2,true,
                           #{1 => {t_atom,[a]},2 => {t_integer,{0,255}}}}},
                      {{2,{t_atom,[b]}},
                       {t_tuple,2,true,
                           #{1 => {t_atom,[b]},2 => {t_integer,{0,255}}}}},
                      {{2,{t_atom,[c]}},
                       {t_tuple,2,true,
                           #{1 => {t_atom,[c]},2 => {t_integer,{0,255}}}}}],
                     none}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,15}}. % '-start/0-lc$^0/1-0-'/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,
                         {t_atom,[none]},
                         none,none,
                         [{{2,{t_atom,[a]}},
                           {t_tuple,2,true,
                               #{1 => {t_atom,[a]},2 => {t_integer,{0,255}}}}},
                          {{2,{t_atom,[b]}},
                           {t_tuple,2,true,
                               #{1 => {t_atom,[b]},2 => {t_integer,{0,255}}}}},
                          {{2,{t_atom,[c]}},
                           {t_tuple,2,true,
                               #{1 => {t_atom,[c]},
                                 2 => {t_integer,{0,255}}}}}],
                         none},
                     nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,16}.
    return.
