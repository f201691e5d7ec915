%% op_bs_get_integer2: runs the bs_get_integer2 instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_bs_get_integer2}.  %% version = 0

{exports, [{f,2},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 16}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_bs_get_integer2.erl",3}]}.
    {func_info,{atom,op_bs_get_integer2},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_bs_get_integer2.erl",4}]}.
    {func_info,{atom,op_bs_get_integer2},{atom,start},0}.
  {label,4}.
    {move,{literal,[{<<1,2,3,4>>,16},
                    {<<255,0,7>>,8},
                    {<<1:4>>,4},
                    {<<1,2>>,24},
                    {<<1,2,3>>,3}]},
          {x,0}}.
    {call_only,1,{f,14}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 2, 6}.
  {label,5}.
    {line,[{location,"op_bs_get_integer2.erl",5}]}.
    {func_info,{atom,op_bs_get_integer2},{atom,f},2}.
  {label,6}.
    {'%',{var_info,{x,0},[accepts_match_context]}}.
    {test,bs_start_match3,{f,8},2,[{x,0}],{x,0}}.
    {bs_get_position,{x,0},{x,2},2}.
    {test,bs_get_integer2,
          {f,7},
          3,
          [{x,0},
           {x,1},
           1,
           {field_flags,[{anno,[6,{file,"op_bs_get_integer2.erl"}]},
                         unsigned,big]}],
          {x,3}}.
    {test,bs_get_integer2,
          {f,7},
          4,
          [{x,0},
           {integer,4},
           1,
           {field_flags,[{anno,[6,{file,"op_bs_get_integer2.erl"}]},
                         signed,little]}],
          {x,4}}.
    {bs_get_tail,{x,0},{x,0},5}.
    {test_heap,4,5}.
    {put_tuple2,{x,0},{list,[{x,3},{x,4},{x,0}]}}.
    return.
  {label,7}.
    {bs_set_position,{x,0},{x,2}}.
    {test,bs_get_integer2,
          {f,8},
          2,
          [{x,0},
           {x,1},
           1,
           {field_flags,[{anno,[7,{file,"op_bs_get_integer2.erl"}]},
                         signed,big]}],
          {x,0}}.
    {test_heap,3,1}.
    {put_tuple2,{x,0},{list,[{atom,short},{x,0}]}}.
    return.
  {label,8}.
    {move,{atom,nomatch},{x,0}}.
    return.


{function, module_info, 0, 10}.
  {label,9}.
    {line,[]}.
    {func_info,{atom,op_bs_get_integer2},{atom,module_info},0}.
  {label,10}.
    {move,{atom,op_bs_get_integer2},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 12}.
  {label,11}.
    {line,[]}.
    {func_info,{atom,op_bs_get_integer2},{atom,module_info},1}.
  {label,12}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_bs_get_integer2},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 14}.
  {label,13}.
    {line,[{location,"op_bs_get_integer2.erl",4}]}.
    {func_info,{atom,op_bs_get_integer2},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,14}.
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_tuple,2,true,
                         #{1 => {t_bitstring,4},2 => {t_integer,{3,24}}}},
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
                 {t_union,
                     {t_atom,[nomatch]},
                     none,none,
                     {t_tuple,2,false,
                         #{1 =>
                               {t_union,
                                   {t_atom,[short]},
                                   none,
                                   {t_integer,any},
                                   none,none},
                           2 => {t_integer,any}}},
                     none}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,14}}. % '-start/0-lc$^0/1-0-'/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,
                         {t_atom,[nomatch]},
                         none,none,
                         {t_tuple,2,false,
                             #{1 =>
                                   {t_union,
                                       {t_atom,[short]},
                                       none,
                                       {t_integer,any},
                                       none,none},
                               2 => {t_integer,any}}},
                         none},
                     nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,15}.
    return.
