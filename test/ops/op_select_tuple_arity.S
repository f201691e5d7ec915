%% op_select_tuple_arity: runs the select_tuple_arity instruction; start/0 returns values that depend on it
%% (taken and not-taken paths, errors caught).
%% Assembled from erlc -S output of a small Erlang module.
{module, op_select_tuple_arity}.  %% version = 0

{exports, [{f,1},{id,1},{module_info,0},{module_info,1},{start,0}]}.

{attributes, []}.

{labels, 19}.


{function, id, 1, 2}.
  {label,1}.
    {line,[{location,"op_select_tuple_arity.erl",3}]}.
    {func_info,{atom,op_select_tuple_arity},{atom,id},1}.
  {label,2}.
    return.


{function, start, 0, 4}.
  {label,3}.
    {line,[{location,"op_select_tuple_arity.erl",4}]}.
    {func_info,{atom,op_select_tuple_arity},{atom,start},0}.
  {label,4}.
    {move,{literal,[{a},{a,b},{a,b,c},{a,b,c,d},{},x]},{x,0}}.
    {call_only,1,{f,17}}. % '-start/0-lc$^0/1-0-'/1


{function, f, 1, 6}.
  {label,5}.
    {line,[{location,"op_select_tuple_arity.erl",5}]}.
    {func_info,{atom,op_select_tuple_arity},{atom,f},1}.
  {label,6}.
    {test,is_tuple,{f,11},[{x,0}]}.
    {select_tuple_arity,{tr,{x,0},{t_tuple,0,false,#{}}},
                        {f,10},
                        {list,[1,{f,9},2,{f,8},3,{f,7}]}}.
  {label,7}.
    {test_heap,3,1}.
    {get_tuple_element,{x,0},0,{x,0}}.
    {put_tuple2,{x,0},{list,[{atom,three},{x,0}]}}.
    return.
  {label,8}.
    {test_heap,3,1}.
    {get_tuple_element,{x,0},0,{x,0}}.
    {put_tuple2,{x,0},{list,[{atom,two},{x,0}]}}.
    return.
  {label,9}.
    {test_heap,3,1}.
    {get_tuple_element,{x,0},0,{x,0}}.
    {put_tuple2,{x,0},{list,[{atom,one},{x,0}]}}.
    return.
  {label,10}.
    {test_heap,3,1}.
    {bif,tuple_size,{f,0},[{tr,{x,0},{t_tuple,0,false,#{}}}],{x,0}}.
    {put_tuple2,{x,0},{list,[{atom,other},{x,0}]}}.
    return.
  {label,11}.
    {move,{atom,not_tuple},{x,0}}.
    return.


{function, module_info, 0, 13}.
  {label,12}.
    {line,[]}.
    {func_info,{atom,op_select_tuple_arity},{atom,module_info},0}.
  {label,13}.
    {move,{atom,op_select_tuple_arity},{x,0}}.
    {call_ext_only,1,{extfunc,erlang,get_module_info,1}}.


{function, module_info, 1, 15}.
  {label,14}.
    {line,[]}.
    {func_info,{atom,op_select_tuple_arity},{atom,module_info},1}.
  {label,15}.
    {move,{x,0},{x,1}}.
    {move,{atom,op_select_tuple_arity},{x,0}}.
    {call_ext_only,2,{extfunc,erlang,get_module_info,2}}.


{function, '-start/0-lc$^0/1-0-', 1, 17}.
  {label,16}.
    {line,[{location,"op_select_tuple_arity.erl",4}]}.
    {func_info,{atom,op_select_tuple_arity},{atom,'-start/0-lc$^0/1-0-'},1}.
  {label,17}.
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,
                         {t_atom,[x]},
                         none,none,
                         {t_tuple,0,false,#{}},
                         none},
                     nil}}]}}.
    {test,is_nonempty_list,{f,18},[{x,0}]}.
    {allocate,1,1}.
    {get_list,{x,0},{x,0},{y,0}}.
    {call,1,{f,2}}. % id/1
    {call,1,{f,6}}. % f/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_union,
                     {t_atom,[not_tuple]},
                     none,none,
                     [{{2,{t_atom,[one]}},
                       {t_tuple,2,true,#{1 => {t_atom,[one]}}}},
                      {{2,{t_atom,[other]}},
                       {t_tuple,2,true,
                           #{1 => {t_atom,[other]},
                             2 => {t_integer,{0,16777215}}}}},
                      {{2,{t_atom,[three]}},
                       {t_tuple,2,true,#{1 => {t_atom,[three]}}}},
                      {{2,{t_atom,[two]}},
                       {t_tuple,2,true,#{1 => {t_atom,[two]}}}}],
                     none}}]}}.
    {swap,{y,0},{x,0}}.
    {call,1,{f,17}}. % '-start/0-lc$^0/1-0-'/1
    {'%',
        {var_info,
            {x,0},
            [{type,
                 {t_list,
                     {t_union,
                         {t_atom,[not_tuple]},
                         none,none,
                         [{{2,{t_atom,[one]}},
                           {t_tuple,2,true,#{1 => {t_atom,[one]}}}},
                          {{2,{t_atom,[other]}},
                           {t_tuple,2,true,
                               #{1 => {t_atom,[other]},
                                 2 => {t_integer,{0,16777215}}}}},
                          {{2,{t_atom,[three]}},
                           {t_tuple,2,true,#{1 => {t_atom,[three]}}}},
                          {{2,{t_atom,[two]}},
                           {t_tuple,2,true,#{1 => {t_atom,[two]}}}}],
                         none},
                     nil}}]}}.
    {test_heap,2,1}.
    {put_list,{y,0},{x,0},{x,0}}.
    {deallocate,1}.
    return.
  {label,18}.
    return.
